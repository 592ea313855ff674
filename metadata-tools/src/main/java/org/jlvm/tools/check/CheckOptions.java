package org.jlvm.tools.check;

/** thin_check's options. {@code overrideMappingRoot} may be null. */
public record CheckOptions(boolean metadataSnap, boolean superBlockOnly, boolean skipMappings,
        boolean ignoreNonFatal, boolean clearNeedsCheck, boolean autoRepair, Long overrideMappingRoot) {
}
