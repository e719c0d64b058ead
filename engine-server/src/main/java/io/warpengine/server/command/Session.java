package io.warpengine.server.command;

import io.warpengine.server.resp.RespWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One client connection's state: who it is, the protocol it speaks, its transaction. Used on its event loop only. */
public final class Session {

    private final long id;
    private final String address;
    private final long connectedMillis = System.currentTimeMillis();
    private boolean authenticated;
    private int protocol = RespWriter.RESP2;
    private String name;
    private boolean quitting;
    /** The commands queued since MULTI, or null outside a transaction. */
    private List<Args> transaction;
    private boolean transactionFailed;
    /** The newest write this connection published: commands that read beyond their keys wait for it. */
    private CompletableFuture<?> lastWrite;

    public Session(long id, String address, boolean authenticated) {
        this.id = id;
        this.address = address;
        this.authenticated = authenticated;
    }

    public long id() {
        return id;
    }

    public String address() {
        return address;
    }

    public long connectedMillis() {
        return connectedMillis;
    }

    public boolean authenticated() {
        return authenticated;
    }

    void authenticate() {
        authenticated = true;
    }

    /** {@link RespWriter#RESP2} or {@link RespWriter#RESP3}, as set by HELLO. */
    public int protocol() {
        return protocol;
    }

    void protocol(int protocol) {
        this.protocol = protocol;
    }

    public String name() {
        return name;
    }

    void name(String name) {
        this.name = name;
    }

    /** Whether QUIT was received: the connection closes after its reply. */
    public boolean quitting() {
        return quitting;
    }

    void quit() {
        quitting = true;
    }

    boolean inTransaction() {
        return transaction != null;
    }

    void beginTransaction() {
        transaction = new ArrayList<>();
        transactionFailed = false;
    }

    void queue(Args command) {
        transaction.add(command);
    }

    /** A command was refused while queuing: EXEC will discard the transaction, as Redis does. */
    void failTransaction() {
        transactionFailed = true;
    }

    boolean transactionFailed() {
        return transactionFailed;
    }

    List<Args> queued() {
        return transaction;
    }

    void endTransaction() {
        transaction = null;
        transactionFailed = false;
    }

    /** The newest write of this connection not yet applied, or null. */
    CompletableFuture<?> pendingWrite() {
        return lastWrite == null || lastWrite.isDone() ? null : lastWrite;
    }

    void wrote(CompletableFuture<?> write) {
        lastWrite = write;
    }
}
