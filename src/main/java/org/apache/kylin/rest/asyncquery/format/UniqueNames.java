package org.apache.kylin.rest.asyncquery.format;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * Column names made unique (and, where a format needs it, safe) for formats that key values by name: a repeated
 * name gets {@code _2}, {@code _3}... The original names stay in {@code metadata}. The Spark route keys its JSON
 * lines with the same names.
 */
public final class UniqueNames {
    private UniqueNames() {
    }

    public static String[] of(List<ColumnMeta> columns, UnaryOperator<String> safe) {
        String[] names = new String[columns.size()];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String base = safe.apply(columns.get(i).name());
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names[i] = name;
        }
        return names;
    }
}
