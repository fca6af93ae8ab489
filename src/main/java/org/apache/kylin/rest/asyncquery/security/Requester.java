package org.apache.kylin.rest.asyncquery.security;

import static java.util.Objects.requireNonNull;

/** Who is asking: the authenticated user's name and whether they hold {@code ROLE_ADMIN}. */
public final class Requester {
    private final String name;
    private final boolean admin;

    public Requester(String name, boolean admin) {
        this.name = requireNonNull(name, "name is null");
        this.admin = admin;
    }

    public String name() {
        return name;
    }

    public boolean isAdmin() {
        return admin;
    }

    @Override
    public String toString() {
        return admin ? name + " (admin)" : name;
    }
}
