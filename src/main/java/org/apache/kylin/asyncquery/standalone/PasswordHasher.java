package org.apache.kylin.asyncquery.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Prints {@code {bcrypt}HASH} for a password, ready for {@code conf/users.properties}. */
public final class PasswordHasher {
    private PasswordHasher() {
    }

    public static void main(String[] args) throws IOException {
        String password;
        if (args.length > 0) {
            password = args[0];
        } else {
            System.err.print("Password: ");
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            System.err.println("No password given.");
            System.exit(2);
        }
        System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
    }
}
