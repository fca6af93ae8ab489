package org.apache.kylin.asyncquery.kylinhost;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kylin.common.KylinConfig;
import org.apache.kylin.cube.CubeInstance;
import org.apache.kylin.cube.CubeManager;
import org.apache.kylin.cube.CubeSegment;
import org.apache.kylin.job.execution.DefaultChainedExecutable;
import org.apache.kylin.job.execution.ExecutableManager;
import org.apache.kylin.job.execution.ExecutableState;
import org.apache.kylin.job.impl.threadpool.DefaultContext;
import org.apache.kylin.metadata.model.SegmentRange;

/**
 * Builds a cube's data with Kylin 4.0.4's own Spark build engine ({@code kylin-spark-engine}'s
 * {@code NSparkCubingJob}: resource detection, then {@code CubeBuildJob} writing the cuboids as parquet into Kylin's
 * working directory, then the segment's metadata), in this JVM on Sparder's Spark. Kylin's job scheduler would run
 * the same job, step by step, on its threads; here it runs on the caller's, so the build is done when this returns. The source is
 * the cube's fact table as Spark SQL sees it (Kylin's HiveSource), registered by {@link SparderTables}.
 */
final class KylinCubeBuild {
    private KylinCubeBuild() {
    }

    /** A full build of the cube: one segment over all the data; the cube is READY afterwards. */
    static void fullBuild(String cubeName) throws Exception {
        KylinConfig config = KylinConfig.getInstanceFromEnv();
        CubeManager cubes = CubeManager.getInstance(config);
        CubeInstance cube = cubes.getCube(cubeName);
        CubeSegment segment = cubes.appendSegment(cube, (SegmentRange.TSRange) null);
        // kylin-spark-engine is on this test's run-time classpath (the Kylin host's), not on its compile classpath.
        DefaultChainedExecutable job = (DefaultChainedExecutable) Class
                .forName("org.apache.kylin.engine.spark.job.NSparkCubingJob")
                .getMethod("create", java.util.Set.class, String.class)
                .invoke(null, new HashSet<>(List.of(segment)), "ADMIN");
        ExecutableManager jobs = ExecutableManager.getInstance(config);
        jobs.addJob(job);
        // As Kylin's scheduler does: each run of a chained job runs its next step, until none is left.
        ExecutableState state = ExecutableState.READY;
        for (int step = 0; step < job.getTasks().size() && state == ExecutableState.READY; step++) {
            job.execute(new DefaultContext(new ConcurrentHashMap<>(), config));
            state = jobs.getOutput(job.getId()).getState();
        }
        if (state != ExecutableState.SUCCEED) {
            throw new IllegalStateException("Kylin's build of " + cubeName + " ended " + state + ": "
                    + jobs.getOutput(job.getId()).getVerboseMsg());
        }
        if (!cubes.reloadCube(cubeName).isReady()) {
            throw new IllegalStateException("Kylin built " + cubeName + " but did not make it READY");
        }
    }
}
