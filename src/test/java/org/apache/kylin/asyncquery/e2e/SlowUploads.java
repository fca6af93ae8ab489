package org.apache.kylin.asyncquery.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attacker's slow uploads over loopback: many connections, each sending a request's head (a large
 * Content-Length) and then a trickle of body, one byte per connection every 100 ms, for as long as the server keeps
 * the connection. One thread drives them all with non-blocking sockets and records what the server answers and
 * whether it closed the connection.
 */
public final class SlowUploads implements AutoCloseable {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final long TRICKLE_MILLIS = 100;

    private final List<Connection> connections;
    private final ScheduledExecutorService driver;

    private SlowUploads(List<Connection> connections) {
        this.connections = connections;
        this.driver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-uploads");
            thread.setDaemon(true);
            return thread;
        });
        driver.scheduleWithFixedDelay(this::trickle, 0, TRICKLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens {@code count} connections to the loopback port, each sending {@code head} (ending in a blank line). */
    public static SlowUploads open(int port, int count, String head) throws IOException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                channel.configureBlocking(false);
                connections.add(new Connection(channel));
            }
        } catch (IOException | RuntimeException e) {
            for (Connection connection : connections) {
                connection.close();
            }
            throw e;
        }
        return new SlowUploads(connections);
    }

    /** How many connections got an answer with each HTTP status so far. */
    public synchronized Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Connection connection : connections) {
            Integer status = connection.status();
            if (status != null) {
                counts.merge(status, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Connections the server closed (after answering or not). */
    public synchronized int closedByServer() {
        return (int) connections.stream().filter(c -> c.closed).count();
    }

    /** Connections still open with no answer yet: the server is still waiting for their bodies. */
    public synchronized int waiting() {
        return (int) connections.stream().filter(c -> !c.closed && c.status() == null).count();
    }

    /** The first answer's text with the given status, for messages. */
    public synchronized String sampleAnswer(int status) {
        return connections.stream().filter(c -> Integer.valueOf(status).equals(c.status())).findFirst()
                .map(c -> c.received.toString(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Each connection's answer status (or "-") and whether the server closed it, for failure messages. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        for (Connection connection : connections) {
            text.append(connection.status() == null ? "-" : connection.status())
                    .append(connection.closed ? " closed" : " open").append("; ");
        }
        return text.toString();
    }

    private synchronized void trickle() {
        for (Connection connection : connections) {
            connection.readAvailable();
            connection.sendOneByte();
        }
    }

    @Override
    public void close() throws InterruptedException {
        driver.shutdownNow();
        driver.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (this) {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        boolean closed;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        Integer status() {
            Matcher matcher = STATUS_LINE.matcher(received.toString(StandardCharsets.ISO_8859_1));
            return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
        }

        void readAvailable() {
            if (closed) {
                return;
            }
            try {
                int n;
                while ((n = channel.read(buffer.clear())) > 0) {
                    received.write(buffer.array(), 0, n);
                }
                if (n < 0) {
                    closed = true;
                }
            } catch (IOException reset) {
                closed = true;
            }
        }

        void sendOneByte() {
            if (closed) {
                return;
            }
            try {
                channel.write(ByteBuffer.wrap(new byte[] {' '}));
            } catch (IOException reset) {
                readAvailable();
                closed = true;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
