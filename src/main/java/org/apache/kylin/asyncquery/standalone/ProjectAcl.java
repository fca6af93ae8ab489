package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The standalone server's project permissions, from {@code conf/project-acl.properties}: for each project, the
 * users and roles that may query it ({@code *} for everyone signed in). Administrators may query every project;
 * a project that is not listed is open to administrators only.
 */
final class ProjectAcl {
    static final String FILE = "project-acl.properties";
    private static final String EVERYONE = "*";
    private static final String ADMIN = "ROLE_ADMIN";

    private final Map<String, Set<String>> allowed;

    private ProjectAcl(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    static ProjectAcl load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Set<String>> allowed = new HashMap<>();
        for (String project : properties.stringPropertyNames()) {
            Set<String> who = new HashSet<>();
            for (String entry : properties.getProperty(project).split(",")) {
                if (!entry.trim().isEmpty()) {
                    who.add(entry.trim());
                }
            }
            allowed.put(project.trim().toUpperCase(Locale.ROOT), Collections.unmodifiableSet(who));
        }
        return new ProjectAcl(Collections.unmodifiableMap(allowed));
    }

    boolean mayQuery(Authentication user, String project) {
        Set<String> who = allowed.getOrDefault(project.toUpperCase(Locale.ROOT), Collections.<String>emptySet());
        if (who.contains(EVERYONE) || who.contains(user.getName())) {
            return true;
        }
        for (GrantedAuthority authority : user.getAuthorities()) {
            if (ADMIN.equals(authority.getAuthority()) || who.contains(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
