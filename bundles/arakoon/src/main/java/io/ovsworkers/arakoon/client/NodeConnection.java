package io.ovsworkers.arakoon.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TCP connection to one node, shared by any number of threads. Requests are written in turn and may be in flight
 * together (the server answers them in order), so a reader thread completes them first in, first out. Every request
 * has a deadline: when it passes, the connection is dropped, which also frees a writer stuck on a full socket.
 */
final class NodeConnection implements AutoCloseable {
    private final ArakoonNode node;
    private final String address;
    private final Socket socket;
    private final OutputStream out;
    private final PushbackInputStream rawIn;
    private final WireReader in;
    private final ScheduledExecutorService timer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> pending = new ConcurrentLinkedQueue<>();
    private volatile ArakoonException closedBecause;

    private record Pending<T>(Command<T> command, CompletableFuture<T> result) {
        /** Reads this request's reply; returns whether the server keeps the connection afterwards. */
        boolean complete(WireReader in) throws IOException {
            try {
                result.complete(command.readReply(in));
                return true;
            } catch (ArakoonServerException e) {
                result.completeExceptionally(e);
                return e.connectionKept();
            }
        }
    }

    private NodeConnection(ArakoonNode node, String address, Socket socket, ScheduledExecutorService timer)
            throws IOException {
        this.node = node;
        this.address = address;
        this.socket = socket;
        this.timer = timer;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.rawIn = new PushbackInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024), 1);
        this.in = new WireReader(rawIn);
    }

    /**
     * Connects to the node's first reachable address and sends the prologue (the server never answers it; a wrong
     * cluster id shows as a closed connection on the first request).
     */
    static NodeConnection open(ArakoonNode node, String clusterId, Duration connectTimeout,
                               ScheduledExecutorService timer, ThreadFactory readers) {
        IOException last = null;
        for (String host : node.hosts()) {
            Socket socket = new Socket();
            String address = host + ":" + node.clientPort();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(host, node.clientPort()), (int) connectTimeout.toMillis());
                NodeConnection connection = new NodeConnection(node, address, socket, timer);
                connection.out.write(Commands.prologue(clusterId));
                connection.out.flush();
                readers.newThread(connection::readLoop).start();
                return connection;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new ArakoonConnectionException("cannot connect to node " + node.name() + " at " + node.hosts() + ":"
                + node.clientPort() + ": " + (last == null ? "no address" : last.getMessage()), false, last);
    }

    ArakoonNode node() {
        return node;
    }

    String address() {
        return address;
    }

    boolean isOpen() {
        return closedBecause == null;
    }

    /** Sends the command and waits for its reply, at most {@code timeout}. */
    <T> T call(Command<T> command, Duration timeout) {
        Pending<T> request = new Pending<>(command, new CompletableFuture<>());
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> timedOut(request, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new ArakoonConnectionException("the client owning the connection to node " + node.name()
                    + " is closed", false, e);
        }
        try {
            send(request);
            return await(request);
        } finally {
            deadline.cancel(false);
        }
    }

    private void send(Pending<?> request) {
        writeLock.lock();
        try {
            ArakoonException reason = closedBecause;
            if (reason != null) {
                throw new ArakoonConnectionException("connection to node " + node.name() + " at " + address
                        + " is closed: " + reason.getMessage(), false, reason);
            }
            pending.add(request);
            out.write(request.command().request());
            if (!writeLock.hasQueuedThreads()) {
                // a writer waiting for the lock flushes after adding its own request: one send for both
                out.flush();
            }
        } catch (IOException e) {
            close(new ArakoonConnectionException("writing to node " + node.name() + " at " + address + " failed: "
                    + e.getMessage(), true, e));
        } finally {
            writeLock.unlock();
        }
        ArakoonException reason = closedBecause;
        if (reason != null) {
            // the connection may have closed after the reader drained the queue but before this request joined it
            request.result().completeExceptionally(reason);
        }
    }

    private <T> T await(Pending<T> request) {
        try {
            return request.result().get();
        } catch (InterruptedException e) {
            // the reply still arrives in turn and completes the abandoned future; other requests are unaffected
            Thread.currentThread().interrupt();
            throw new ArakoonException("interrupted while waiting for " + request.command().name() + " on node "
                    + node.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ArakoonException arakoon) {
                throw arakoon;
            }
            throw new ArakoonException(request.command().name() + " failed on node " + node.name(), e.getCause());
        }
    }

    private void timedOut(Pending<?> request, Duration timeout) {
        String message = "no reply to " + request.command().name() + " from node " + node.name() + " at " + address
                + " within " + timeout.toMillis() + " ms";
        if (request.result().completeExceptionally(new ArakoonTimeoutException(message))) {
            close(new ArakoonConnectionException("dropped after " + message, true, null));
        }
    }

    private void readLoop() {
        try {
            while (true) {
                int first = rawIn.read();
                if (first < 0) {
                    close(new ArakoonConnectionException("node " + node.name() + " at " + address
                            + " closed the connection", true, null));
                    return;
                }
                rawIn.unread(first);
                Pending<?> head = pending.poll();
                if (head == null) {
                    throw new ArakoonProtocolException("node " + node.name() + " sent bytes nobody asked for");
                }
                try {
                    if (!head.complete(in)) {
                        // the server works through a connection's requests in order and closes right after such
                        // an error, so the requests behind it were never executed
                        close(new ArakoonConnectionException("node " + node.name()
                                + " closed the connection after an error reply to an earlier request", false, null));
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    head.result().completeExceptionally(asConnectionFailure(e));
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            close(asConnectionFailure(e));
        }
    }

    private ArakoonException asConnectionFailure(Exception e) {
        if (e instanceof ArakoonException arakoon) {
            return arakoon;
        }
        return new ArakoonConnectionException("connection to node " + node.name() + " at " + address + " failed: "
                + e.getMessage(), true, e);
    }

    /** Drops the connection; every request still waiting fails with {@code reason}. */
    void close(ArakoonException reason) {
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            closedBecause = reason;
        }
        closeQuietly(socket);
        for (Pending<?> p = pending.poll(); p != null; p = pending.poll()) {
            p.result().completeExceptionally(reason);
        }
    }

    @Override
    public void close() {
        close(new ArakoonConnectionException("connection to node " + node.name() + " was closed by the client",
                false, null));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
