package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** A conf/ folder for a benchmark server: the repository's users and ACL, plus the given settings. */
final class BenchConf {
    private BenchConf() {
    }

    static Path write(Path dir, Map<String, String> settings) throws IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"users.properties", "project-acl.properties", "logback.xml"}) {
            Files.copy(Paths.get("conf", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder properties = new StringBuilder();
        settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Files.write(dir.resolve("kylin.properties"), properties.toString().getBytes(StandardCharsets.UTF_8));
        // One DataNode in the benchmark's MiniDFSCluster: ask for one replica, as a real cluster's own
        // hdfs-site.xml would say how many it wants.
        Files.write(dir.resolve("hdfs-site.xml"), ("<configuration><property><name>dfs.replication</name>"
                + "<value>1</value></property></configuration>\n").getBytes(StandardCharsets.UTF_8));
        return dir;
    }
}
