/**
 * How the tools show keys and values (printable text quoted, anything else as hex or base64), and the standard
 * output they write to.
 */
package io.warpengine.display;
