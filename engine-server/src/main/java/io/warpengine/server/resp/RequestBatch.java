package io.warpengine.server.resp;

import java.util.List;

/**
 * The requests one read of a connection brought, in order: what {@link RequestReader} passes on. One message per
 * read rather than one per request: passing each request down the channel pipeline on its own was 5% of a
 * pipelined GET's time.
 */
public record RequestBatch(List<Request> requests) {

    public static RequestBatch of(Request request) {
        return new RequestBatch(List.of(request));
    }
}
