package org.apache.kylin.asyncquery.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;

import picocli.CommandLine.Option;

/**
 * Where the server is and who is asking, shared by every subcommand. An option wins over its environment variable.
 * The password never has to be on a command line: it comes from a prompt ({@code --password}), a file, or the
 * environment.
 */
final class ConnectionOptions {
    static final String URL_ENV = "ASYNC_QUERY_URL";
    static final String USER_ENV = "ASYNC_QUERY_USER";
    static final String PASSWORD_ENV = "ASYNC_QUERY_PASSWORD";
    static final String PASSWORD_FILE_ENV = "ASYNC_QUERY_PASSWORD_FILE";
    static final String DEFAULT_URL = "http://localhost:7070/kylin";
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    @Option(names = "--url", paramLabel = "URL",
            description = "The server's application URL (env ASYNC_QUERY_URL; default " + DEFAULT_URL + ").")
    String url;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "User name (env ASYNC_QUERY_USER).")
    String user;

    @Option(names = "--password", interactive = true, arity = "0",
            description = "Prompt for the password (it is never taken from the command line).")
    char[] password;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (env ASYNC_QUERY_PASSWORD_FILE; "
                    + "or the password itself in env ASYNC_QUERY_PASSWORD).")
    String passwordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for a connection (default ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    AsyncQueryApi connect(CliIo io) {
        String base = url != null ? url : io.env(URL_ENV) != null ? io.env(URL_ENV) : DEFAULT_URL;
        String name = user != null ? user : io.env(USER_ENV);
        char[] secret = password != null ? password : passwordFromFileOrEnv(io);
        if (connectTimeoutSeconds <= 0) {
            throw new CliException(ExitCode.USAGE, "--connect-timeout must be positive");
        }
        return new AsyncQueryApi(new HttpApi(base, name, secret, connectTimeoutSeconds * 1000, READ_TIMEOUT_MILLIS));
    }

    private char[] passwordFromFileOrEnv(CliIo io) {
        String file = passwordFile;
        if (file == null && io.env(PASSWORD_ENV) != null) {
            return io.env(PASSWORD_ENV).toCharArray();
        }
        if (file == null) {
            file = io.env(PASSWORD_FILE_ENV);
        }
        if (file == null) {
            return null;
        }
        try (BufferedReader reader = Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "the password file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }
}
