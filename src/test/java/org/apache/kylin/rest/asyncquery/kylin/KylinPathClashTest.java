package org.apache.kylin.rest.asyncquery.kylin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kylin.rest.asyncquery.api.AsyncQueryController;
import org.apache.kylin.rest.asyncquery.api.AsyncQueryExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The plugin's paths against every controller in Kylin 4.0.4's server jar, read from the jar's bytecode (Kylin's
 * controllers cannot be loaded here): none of Kylin's is under {@code /async_query}. And the plugin's advice is
 * scoped to its own controller, so Kylin's endpoints keep their own error handling.
 */
class KylinPathClashTest {

    @Test
    void noKylinControllerIsMappedUnderAsyncQuery() throws IOException {
        List<String> kylinPaths = new ArrayList<>();
        SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
        Resource[] classes = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:org/apache/kylin/rest/controller/*.class");
        for (Resource resource : classes) {
            MetadataReader reader = readers.getMetadataReader(resource);
            List<String> prefixes = paths(reader.getAnnotationMetadata()
                    .getAnnotationAttributes(RequestMapping.class.getName()));
            if (prefixes.isEmpty()) {
                prefixes.add("");
            }
            for (MethodMetadata method : reader.getAnnotationMetadata()
                    .getAnnotatedMethods(RequestMapping.class.getName())) {
                for (String prefix : prefixes) {
                    for (String path : paths(method.getAnnotationAttributes(RequestMapping.class.getName()))) {
                        kylinPaths.add(("/" + prefix + "/" + path).replaceAll("/+", "/"));
                    }
                }
            }
        }
        assertThat(kylinPaths).as("Kylin's endpoint paths").hasSizeGreaterThan(50).contains("/query", "/query/{queryId}/stop")
                .noneMatch(path -> path.startsWith("/async_query"));
        assertThat(AsyncQueryController.class.getAnnotation(RequestMapping.class).value())
                .containsExactly("/async_query");
    }

    private static List<String> paths(Map<String, Object> mapping) {
        List<String> paths = new ArrayList<>();
        if (mapping != null) {
            for (String path : (String[]) mapping.get("value")) {
                paths.add(path);
            }
        }
        return paths;
    }

    @Test
    void theExceptionHandlerAdvisesOnlyThePluginsController() {
        ControllerAdvice advice = AsyncQueryExceptionHandler.class.getAnnotation(ControllerAdvice.class);
        assertThat(advice.assignableTypes()).containsExactly(AsyncQueryController.class);
        assertThat(advice.basePackages()).isEmpty();
        assertThat(advice.value()).isEmpty();
        assertThat(advice.annotations()).isEmpty();
    }
}
