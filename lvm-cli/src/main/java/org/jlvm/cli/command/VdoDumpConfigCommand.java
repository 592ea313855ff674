package org.jlvm.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jlvm.cli.ExitCodes;
import org.jlvm.dedup.DedupDevice;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.io.FileBlockDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vdodumpconfig}: the geometry and committed generation of a dedup device, as YAML. */
@Command(name = "vdodumpconfig", mixinStandardHelpOptions = true,
        description = "Dump the on-disk geometry of a dedup device.")
public final class VdoDumpConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the backing file")
    Path file;

    @Override
    public Integer call() throws Exception {
        Superblock sb;
        try (FileBlockDevice dev = FileBlockDevice.open(file, true)) {
            sb = DedupDevice.readSuperblock(dev);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "jlvm dedup 1.0");
        m.put("generation", sb.generation());
        m.put("blockSize", 4096);
        m.put("logicalBlocks", sb.logicalBlocks());
        m.put("totalBlocks", sb.totalBlocks());
        m.put("mapStart", sb.mapStart());
        m.put("mapPages", sb.mapPages());
        m.put("refcountStart", sb.refStart());
        m.put("refcountPages", sb.refPages());
        m.put("indexStart", sb.indexStart());
        m.put("indexBlocks", sb.indexBlocks());
        m.put("indexSlots", sb.indexSlots());
        m.put("dataStart", sb.dataStart());
        m.put("dataBlocks", sb.dataBlocks());
        m.put("readOnly", sb.readOnly());
        if (sb.readOnly()) {
            m.put("readOnlyReason", sb.readOnlyReason());
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        PrintWriter out = spec.commandLine().getOut();
        out.print(yaml.writeValueAsString(m));
        out.flush();
        return ExitCodes.OK;
    }
}
