/**
 * What the commands of {@code ./warp} share: which engine a command opens ({@code -d DIR}, {@code --config FILE}),
 * how keys and values are shown (printable text quoted, anything else as hex or base64), and the standard output.
 */
package io.warpengine.cli;
