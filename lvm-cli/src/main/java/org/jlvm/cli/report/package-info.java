/**
 * The report engine of {@code lvs}, {@code vgs} and {@code pvs}: what lvm2 2.03.16 prints for {@code -o},
 * {@code -O}, {@code -S}, {@code --units}, {@code --nosuffix}, {@code --noheadings}, {@code --separator},
 * {@code --aligned}, {@code --nameprefixes}, {@code --unquoted}, {@code --rows}, {@code --binary} and
 * {@code --reportformat basic|json}, over rows of any type. Plain Java: no picocli here.
 *
 * <p>How a reporting command uses it:
 * <pre>{@code
 *   ReportType<Lv> type = Lvm2Fields.<Lv>lvs().bind(Map.of(
 *       "lv_name", lv -> lv.hidden() ? new Shown("[" + lv.name() + "]", lv.name()) : lv.name(),
 *       "vg_name", lv -> lv.vg().name(),
 *       "lv_size", Lv::sizeBytes,                 // SIZE: bytes
 *       "data_percent", lv -> lv.active() ? Percent.of(used, total) : null,   // null prints blank
 *       "lv_skip_activation", Lv::skipActivation, // BINARY: Boolean
 *       ...));
 *   ReportOptions o = ReportOptions.builder().columns(...).sort(...).select(...).units(Units.parse(u)).build();
 *   int exit = new Report<>(type).print(rowsInMetadataOrder, o, out, err);
 * }</pre>
 * {@link org.jlvm.cli.report.Lvm2Fields} carries lvm2's whole field catalogue (ids, headings, widths, kinds, help
 * texts), so {@code -o help} lists every lvm2 field; fields left unbound are listed but refused when asked for.
 * Row order matters only for ties: sorting is stable, as lvm2's is on glibc.
 */
package org.jlvm.cli.report;
