package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The standalone server's command line: {@code --port N}, {@code --port-file FILE}, {@code --working-dir URI},
 * {@code --conf DIR}, {@code --test-data DIR}, {@code --engine calcite|spark} and {@code --spark-master URL}. A later occurrence of an option wins, so a launcher can put
 * defaults first.
 */
public final class StandaloneOptions {
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_SPARK_MASTER = "local[*]";

    /** The engine that runs the sample projects' SQL. */
    public enum Engine {
        /** Apache Calcite over JDBC, in the server (the default). */
        CALCITE,
        /** Apache Spark; its jars must be on the class path (bin/async-query-server adds them). */
        SPARK
    }

    private final int port;
    private final String workingDir;
    private final Path confDir;
    private final Path testDataDir;
    private final Path portFile;
    private final Engine engine;
    private final String sparkMaster;

    /** @param workingDir the working directory's URI, or null for the configured one or the default */
    public StandaloneOptions(int port, String workingDir, Path confDir, Path testDataDir) {
        this(port, workingDir, confDir, testDataDir, null);
    }

    public StandaloneOptions(int port, String workingDir, Path confDir, Path testDataDir, Path portFile) {
        this(port, workingDir, confDir, testDataDir, portFile, Engine.CALCITE, DEFAULT_SPARK_MASTER);
    }

    public StandaloneOptions(int port, String workingDir, Path confDir, Path testDataDir, Path portFile,
            Engine engine, String sparkMaster) {
        this.port = port;
        this.workingDir = workingDir;
        this.confDir = requireNonNull(confDir, "confDir is null");
        this.testDataDir = requireNonNull(testDataDir, "testDataDir is null");
        this.portFile = portFile;
        this.engine = requireNonNull(engine, "engine is null");
        this.sparkMaster = requireNonNull(sparkMaster, "sparkMaster is null");
    }

    /** These options with another engine. */
    public StandaloneOptions withEngine(Engine newEngine, String newSparkMaster) {
        return new StandaloneOptions(port, workingDir, confDir, testDataDir, portFile, newEngine, newSparkMaster);
    }

    public static StandaloneOptions parse(String... args) {
        int port = DEFAULT_PORT;
        String workingDir = null;
        Path conf = Paths.get("conf");
        Path testData = Paths.get("test-data");
        Path portFile = null;
        Engine engine = Engine.CALCITE;
        String sparkMaster = DEFAULT_SPARK_MASTER;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if ("--help".equals(name) || "-h".equals(name)) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value.\n" + usage());
            }
            String value = args[++i];
            switch (name) {
                case "--port":
                    port = port(value);
                    break;
                case "--port-file":
                    portFile = Paths.get(value);
                    break;
                case "--working-dir":
                    workingDir = value;
                    break;
                case "--conf":
                    conf = Paths.get(value);
                    break;
                case "--test-data":
                    testData = Paths.get(value);
                    break;
                case "--engine":
                    engine = engine(value);
                    break;
                case "--spark-master":
                    sparkMaster = value;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + name + ".\n" + usage());
            }
        }
        return new StandaloneOptions(port, workingDir, conf.toAbsolutePath().normalize(),
                testData.toAbsolutePath().normalize(), portFile == null ? null : portFile.toAbsolutePath(), engine,
                sparkMaster);
    }

    /** The engine that runs the SQL. */
    public Engine engine() {
        return engine;
    }

    /** The Spark master URL for the Spark engine ({@code local[*]} by default). */
    public String sparkMaster() {
        return sparkMaster;
    }

    /** Port to listen on; 0 picks a free one (tests use that). */
    public int port() {
        return port;
    }

    /**
     * Where to write the port the server listens on, once it does, or null for nowhere. With {@code --port 0} this
     * is how a script (or a test) learns the port the system picked.
     */
    public Path portFile() {
        return portFile;
    }

    /** The working directory given on the command line, or null to use the configuration's or the default. */
    public String workingDir() {
        return workingDir;
    }

    public Path confDir() {
        return confDir;
    }

    public Path testDataDir() {
        return testDataDir;
    }

    /** The default working directory: a {@code data/} folder beside {@code conf/}. */
    public String defaultWorkingDir() {
        File data = confDir.resolveSibling("data").toFile();
        return data.toURI().toString();
    }

    static String usage() {
        return "Usage: async-query-server [--port N] [--port-file FILE] [--working-dir URI] [--conf DIR]"
                + " [--test-data DIR] [--engine calcite|spark] [--spark-master URL]";
    }

    private static Engine engine(String value) {
        for (Engine engine : Engine.values()) {
            if (engine.name().equalsIgnoreCase(value)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("--engine must be calcite or spark, not '" + value + "'.");
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'.");
    }
}
