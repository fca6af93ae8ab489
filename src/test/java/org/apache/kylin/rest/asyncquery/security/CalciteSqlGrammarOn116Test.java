package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CalciteSqlGrammar} as a Kylin 4 host runs it: the plugin's compiled classes loaded together with Calcite
 * 1.16 (Kylin 4.0.x ships a fork of 1.16.0) in a class loader that cannot see the 1.37 the build compiles against.
 * A call into an API that 1.16 lacks would fail here with a linkage error. The jars are copied into
 * {@code target/calcite-1.16} by the build.
 */
class CalciteSqlGrammarOn116Test {
    private static URLClassLoader loader;
    private static Object grammar;
    private static Method classify;
    private static Class<?> cancellationClass;

    @BeforeAll
    static void loadThePluginWithCalcite116() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(jarOf(CalciteSqlGrammar.class));
        try (Stream<Path> jars = Files.list(Paths.get("target", "calcite-1.16"))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(jar -> urls.add(url(jar)));
        }
        assertThat(urls).hasSize(4);
        // What Calcite's parser itself needs; Kylin 4 has them too.
        for (String needed : new String[] {"com.google.common.collect.ImmutableList",
            "com.google.common.util.concurrent.internal.InternalFutureFailureAccess", "org.slf4j.LoggerFactory"}) {
            urls.add(jarOf(Class.forName(needed)));
        }
        loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> parser = loader.loadClass("org.apache.calcite.sql.parser.SqlParser");
        assertThat(parser.getProtectionDomain().getCodeSource().getLocation().toString())
                .endsWith("calcite-core-1.16.0.jar");
        assertThat(Arrays.stream(parser.getMethods()).map(Method::getName)).doesNotContain("parseStmtList", "config");

        Class<?> grammarClass = loader.loadClass(CalciteSqlGrammar.class.getName());
        Function<String, String> kylinDefaults = key -> null;
        grammar = grammarClass.getMethod("kylin", Function.class).invoke(null, kylinDefaults);
        cancellationClass = loader.loadClass(CancellationToken.class.getName());
        classify = grammarClass.getMethod("classify", String.class, cancellationClass);
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select FLOOR(PART_DT TO MONTH), CEIL(PART_DT TO YEAR) from KYLIN_SALES",
        "select TIMESTAMPADD(DAY, 1, d), TIMESTAMPDIFF(MONTH, d, e), EXTRACT(YEAR FROM d) from t",
        "select d + INTERVAL '1' DAY, cast(x as decimal(19,4)), cast(x as date), cast(x as varchar(3)) from t",
        "select a, b, sum(c) from t group by grouping sets ((a, b), (a), ())",
        "select a, sum(c) from t group by rollup(a, b)",
        "select sum(x) over (partition by a order by b rows between 2 preceding and current row) from t",
        "select * from t order by a offset 3 rows fetch first 7 rows only",
        "select \"we!rd col\" from \"odd table\" /*+ hint */ -- comment",
        "values (1, 'a'), (2, 'b')",
        "select 1 union select 2 intersect select 3 except select 4",
        "with w as (select 1 as x) select x from w order by x limit 1",
        "explain plan for select * from t",
        "select * from t limit 5, 10;",
    })
    void acceptsKylinsQueries(String sql) throws Exception {
        assertThat(call(classify(sql), "isAccepted")).as(sql).isEqualTo(true);
    }

    @Test
    void refusesEverythingElseWithTheSameReasons() throws Exception {
        assertThat(call(classify("insert into t values (1)"), "reason")).asString().endsWith("an INSERT statement.");
        assertThat(call(classify("select 1; select 2"), "reason"))
                .isEqualTo("The SQL holds 2 statements; send exactly one query.");
        assertThat(call(classify("select * into x from t"), "reason")).asString().startsWith("SELECT ... INTO");
        assertThat(call(classify("select " + "(".repeat(20_000) + "1" + ")".repeat(20_000)), "reason"))
                .isEqualTo("The SQL is nested too deeply to be read.");
    }

    @Test
    void findsPagingAsOn137() throws Exception {
        String sql = "select * from t order by a fetch first 7 rows only";
        Object verdict = classify(sql);
        assertThat(call(verdict, "ownLimit")).isEqualTo(true);
        assertThat(call(verdict, "ownOffset")).isEqualTo(false);
        assertThat(call(verdict, "offsetInsertionPoint")).isEqualTo(sql.indexOf("fetch"));
    }

    private static Object classify(String sql) throws Exception {
        return classify.invoke(grammar, sql, cancellationClass.getConstructor().newInstance());
    }

    private static Object call(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
