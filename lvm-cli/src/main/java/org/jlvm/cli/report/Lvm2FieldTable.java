package org.jlvm.cli.report;

/**
 * lvm2's field catalogue as tab-separated lines (read by {@link Lvm2Fields}). A class constant rather than a
 * resource: the report verbs' classes come from the start-up archive, and looking a resource up opens the jar,
 * which costs every {@code lvs} in a new JVM about 5 ms. Trailing tabs (an empty last column) are dropped by the
 * text block; the reader takes a missing last column as empty.
 */
final class Lvm2FieldTable {
    static final String TSV = """
        # lvm2 2.03.16 report fields, transcribed from lib/report/columns.h (facts: section, value kind, heading, minimum width, id,
        # description) and, for binary fields, the word printed for 1 and the names selection accepts for 1 (lib/report/values.h).
        # pe_start is listed as SIZE (lvm2 declares it NUM but prints it with its size formatter).
        # section<TAB>kind<TAB>heading<TAB>width<TAB>id<TAB>description<TAB>binary names
        LVS	STRING	LV UUID	38	lv_uuid	Unique identifier.	
        LVS	STRING	LV	4	lv_name	Name.  LVs created for internal use are enclosed in brackets.	
        LVS	STRING	LV	4	lv_full_name	Full name of LV including its VG, namely VG/LV.	
        LVS	STRING	Path	0	lv_path	Full pathname for LV. Blank for internal LVs.	
        LVS	STRING	DMPath	0	lv_dm_path	Internal device-mapper pathname for LV (in /dev/mapper directory).	
        LVS	STRING	Parent	0	lv_parent	For LVs that are components of another LV, the parent LV.	
        LVS	STRING_LIST	Layout	10	lv_layout	LV layout.	
        LVS	STRING_LIST	Role	10	lv_role	LV role.	
        LVS	BINARY	InitImgSync	10	lv_initial_image_sync	Set if mirror/RAID images underwent initial resynchronization.	initial image sync|sync
        LVS	BINARY	ImgSynced	10	lv_image_synced	Set if mirror/RAID image is synchronized.	image synced|synced
        LVS	BINARY	Merging	10	lv_merging	Set if snapshot LV is being merged to origin.	merging
        LVS	BINARY	Converting	0	lv_converting	Set if LV is being converted.	converting
        LVS	STRING	AllocPol	10	lv_allocation_policy	LV allocation policy.	
        LVS	BINARY	AllocLock	10	lv_allocation_locked	Set if LV is locked against allocation changes.	allocation locked|locked
        LVS	BINARY	FixMin	10	lv_fixed_minor	Set if LV has fixed minor number assigned.	fixed minor|fixed
        LVS	BINARY	SkipAct	15	lv_skip_activation	Set if LV is skipped on activation.	skip activation|skip
        LVS	BINARY	AutoAct	0	lv_autoactivation	Set if LV autoactivation is enabled.	enabled
        LVS	STRING	WhenFull	15	lv_when_full	For thin pools, behavior when full.	
        LVS	STRING	Active	0	lv_active	Active state of the LV.	
        LVS	BINARY	ActLocal	10	lv_active_locally	Set if the LV is active locally.	active locally|active|locally
        LVS	BINARY	ActRemote	10	lv_active_remotely	Set if the LV is active remotely.	active remotely|active|remotely
        LVS	BINARY	ActExcl	10	lv_active_exclusively	Set if the LV is active exclusively.	active exclusively|active|exclusively
        LVS	NUMBER	Maj	0	lv_major	Persistent major number or -1 if not persistent.	
        LVS	NUMBER	Min	0	lv_minor	Persistent minor number or -1 if not persistent.	
        LVS	SIZE	Rahead	0	lv_read_ahead	Read ahead setting in current units.	
        LVS	SIZE	LSize	0	lv_size	Size of LV in current units.	
        LVS	SIZE	MSize	0	lv_metadata_size	For thin and cache pools, the size of the LV that holds the metadata.	
        LVS	NUMBER	#Seg	0	seg_count	Number of segments in LV.	
        LVS	STRING	Origin	0	origin	For snapshots and thins, the origin device of this LV.	
        LVS	STRING	Origin UUID	38	origin_uuid	For snapshots and thins, the UUID of origin device of this LV.	
        LVS	SIZE	OSize	0	origin_size	For snapshots, the size of the origin device of this LV.	
        LVS	STRING_LIST	Ancestors	0	lv_ancestors	LV ancestors ignoring any stored history of the ancestry chain.	
        LVS	STRING_LIST	FAncestors	0	lv_full_ancestors	LV ancestors including stored history of the ancestry chain.	
        LVS	STRING_LIST	Descendants	0	lv_descendants	LV descendants ignoring any stored history of the ancestry chain.	
        LVS	STRING_LIST	FDescendants	0	lv_full_descendants	LV descendants including stored history of the ancestry chain.	
        LVS	NUMBER	Mismatches	0	raid_mismatch_count	For RAID, number of mismatches found or repaired.	
        LVS	STRING	SyncAction	0	raid_sync_action	For RAID, the current synchronization action being performed.	
        LVS	NUMBER	WBehind	0	raid_write_behind	For RAID1, the number of outstanding writes allowed to writemostly devices.	
        LVS	NUMBER	MinSync	0	raid_min_recovery_rate	For RAID1, the minimum recovery I/O load in kiB/sec/disk.	
        LVS	NUMBER	MaxSync	0	raid_max_recovery_rate	For RAID1, the maximum recovery I/O load in kiB/sec/disk.	
        LVS	STRING	IntegMode	0	raidintegritymode	The integrity mode	
        LVS	NUMBER	IntegBlkSize	0	raidintegrityblocksize	The integrity block size	
        LVS	NUMBER	IntegMismatches	0	integritymismatches	The number of integrity mismatches.	
        LVS	STRING	Move	0	move_pv	For pvmove, Source PV of temporary LV created by pvmove.	
        LVS	STRING	Move UUID	38	move_pv_uuid	For pvmove, the UUID of Source PV of temporary LV created by pvmove.	
        LVS	STRING	Convert	0	convert_lv	For lvconvert, Name of temporary LV created by lvconvert.	
        LVS	STRING	Convert UUID	38	convert_lv_uuid	For lvconvert, UUID of temporary LV created by lvconvert.	
        LVS	STRING	Log	0	mirror_log	For mirrors, the LV holding the synchronisation log.	
        LVS	STRING	Log UUID	38	mirror_log_uuid	For mirrors, the UUID of the LV holding the synchronisation log.	
        LVS	STRING	Data	0	data_lv	For cache/thin/vdo pools, the LV holding the associated data.	
        LVS	STRING	Data UUID	38	data_lv_uuid	For cache/thin/vdo pools, the UUID of the LV holding the associated data.	
        LVS	STRING	Meta	0	metadata_lv	For cache/thin pools, the LV holding the associated metadata.	
        LVS	STRING	Meta UUID	38	metadata_lv_uuid	For cache/thin pools, the UUID of the LV holding the associated metadata.	
        LVS	STRING	Pool	0	pool_lv	For cache/thin/vdo volumes, the cache/thin/vdo pool LV for this volume.	
        LVS	STRING	Pool UUID	38	pool_lv_uuid	For cache/thin/vdo volumes, the UUID of the cache/thin/vdo pool LV for this volume.	
        LVS	STRING_LIST	LV Tags	0	lv_tags	Tags, if any.	
        LVS	STRING	LProfile	0	lv_profile	Configuration profile attached to this LV.	
        LVS	STRING	LLockArgs	0	lv_lockargs	Lock args of the LV used by lvmlockd.	
        LVS	TIME	CTime	26	lv_time	Creation time of the LV, if known	
        LVS	TIME	RTime	26	lv_time_removed	Removal time of the LV, if known	
        LVS	STRING	Host	10	lv_host	Creation host of the LV, if known.	
        LVS	STRING_LIST	Modules	0	lv_modules	Kernel device-mapper modules required for this LV.	
        LVS	BINARY	Historical	0	lv_historical	Set if the LV is historical.	historical
        LVS	NUMBER	WCacheBlkSize	0	writecache_block_size	The writecache block size	
        LVSINFO	NUMBER	KMaj	0	lv_kernel_major	Currently assigned major number or -1 if LV is not active.	
        LVSINFO	NUMBER	KMin	0	lv_kernel_minor	Currently assigned minor number or -1 if LV is not active.	
        LVSINFO	SIZE	KRahead	0	lv_kernel_read_ahead	Currently-in-use read ahead setting in current units.	
        LVSINFO	STRING	LPerms	8	lv_permissions	LV permissions.	
        LVSINFO	BINARY	Suspended	10	lv_suspended	Set if LV is suspended.	suspended
        LVSINFO	BINARY	LiveTable	20	lv_live_table	Set if LV has live table present.	live table present|live table|live
        LVSINFO	BINARY	InactiveTable	20	lv_inactive_table	Set if LV has inactive table present.	inactive table present|inactive table|inactive
        LVSINFO	BINARY	DevOpen	10	lv_device_open	Set if LV device is open.	open
        LVSSTATUS	PERCENT	Data%	6	data_percent	For snapshot, cache and thin pools and volumes, the percentage full if LV is active.	
        LVSSTATUS	PERCENT	Snap%	6	snap_percent	For snapshots, the percentage full if LV is active.	
        LVSSTATUS	PERCENT	Meta%	6	metadata_percent	For cache and thin pools, the percentage of metadata full if LV is active.	
        LVSSTATUS	PERCENT	Cpy%Sync	0	copy_percent	For Cache, RAID, mirrors and pvmove, current percentage in-sync.	
        LVSSTATUS	PERCENT	Cpy%Sync	0	sync_percent	For Cache, RAID, mirrors and pvmove, current percentage in-sync.	
        LVSSTATUS	NUMBER	CacheTotalBlocks	0	cache_total_blocks	Total cache blocks.	
        LVSSTATUS	NUMBER	CacheUsedBlocks	16	cache_used_blocks	Used cache blocks.	
        LVSSTATUS	NUMBER	CacheDirtyBlocks	0	cache_dirty_blocks	Dirty cache blocks.	
        LVSSTATUS	NUMBER	CacheReadHits	16	cache_read_hits	Cache read hits.	
        LVSSTATUS	NUMBER	CacheReadMisses	16	cache_read_misses	Cache read misses.	
        LVSSTATUS	NUMBER	CacheWriteHits	16	cache_write_hits	Cache write hits.	
        LVSSTATUS	NUMBER	CacheWriteMisses	0	cache_write_misses	Cache write misses.	
        LVSSTATUS	STRING_LIST	KCacheSettings	18	kernel_cache_settings	Cache settings/parameters as set in kernel, including default values (cached segments only).	
        LVSSTATUS	STRING	KCachePolicy	18	kernel_cache_policy	Cache policy used in kernel.	
        LVSSTATUS	NUMBER	KMFmt	0	kernel_metadata_format	Cache metadata format used in kernel.	
        LVSSTATUS	STRING	Health	15	lv_health_status	LV health status.	
        LVSSTATUS	STRING	KDiscards	0	kernel_discards	For thin pools, how discards are handled in kernel.	
        LVSSTATUS	BINARY	CheckNeeded	15	lv_check_needed	For thin pools and cache volumes, whether metadata check is needed.	check needed|needed
        LVSSTATUS	BINARY	MergeFailed	15	lv_merge_failed	Set if snapshot merge failed.	merge failed|failed
        LVSSTATUS	BINARY	SnapInvalid	15	lv_snapshot_invalid	Set if snapshot LV is invalid.	snapshot invalid|invalid
        LVSSTATUS	STRING	VDOOperatingMode	0	vdo_operating_mode	For vdo pools, its current operating mode.	
        LVSSTATUS	STRING	VDOCompressionState	0	vdo_compression_state	For vdo pools, whether compression is running.	
        LVSSTATUS	STRING	VDOIndexState	0	vdo_index_state	For vdo pools, state of index for deduplication.	
        LVSSTATUS	NUMBER	VDOUsedSize	0	vdo_used_size	For vdo pools, currently used space.	
        LVSSTATUS	NUMBER	VDOSaving%	0	vdo_saving_percent	For vdo pools, percentage of saved space.	
        LVSSTATUS	NUMBER	WCacheTotalBlocks	0	writecache_total_blocks	Total writecache blocks.	
        LVSSTATUS	NUMBER	WCacheFreeBlocks	0	writecache_free_blocks	Total writecache free blocks.	
        LVSSTATUS	NUMBER	WCacheWritebackBlocks	0	writecache_writeback_blocks	Total writecache writeback blocks.	
        LVSSTATUS	NUMBER	WCacheErrors	0	writecache_error	Total writecache errors.	
        LVSINFOSTATUS	STRING	Attr	0	lv_attr	Various attributes - see man page.	
        LABEL	STRING	Fmt	0	pv_fmt	Type of metadata.	
        LABEL	STRING	PV UUID	38	pv_uuid	Unique identifier.	
        LABEL	SIZE	DevSize	0	dev_size	Size of underlying device in current units.	
        LABEL	STRING	PV	10	pv_name	Name.	
        LABEL	STRING	Maj	0	pv_major	Device major number.	
        LABEL	STRING	Min	0	pv_minor	Device minor number.	
        LABEL	SIZE	PMdaFree	9	pv_mda_free	Free metadata area space on this device in current units.	
        LABEL	SIZE	PMdaSize	9	pv_mda_size	Size of smallest metadata area on this device in current units.	
        LABEL	NUMBER	PExtVsn	0	pv_ext_vsn	PV header extension version.	
        PVS	SIZE	1st PE	7	pe_start	Offset to the start of data on the underlying device.	
        PVS	SIZE	PSize	0	pv_size	Size of PV in current units.	
        PVS	SIZE	PFree	0	pv_free	Total amount of unallocated space in current units.	
        PVS	SIZE	Used	0	pv_used	Total amount of allocated space in current units.	
        PVS	STRING	Attr	0	pv_attr	Various attributes - see man page.	
        PVS	BINARY	Allocatable	0	pv_allocatable	Set if this device can be used for allocation.	allocatable
        PVS	BINARY	Exported	10	pv_exported	Set if this device is exported.	exported
        PVS	BINARY	Missing	10	pv_missing	Set if this device is missing in system.	missing
        PVS	NUMBER	PE	3	pv_pe_count	Total number of Physical Extents.	
        PVS	NUMBER	Alloc	0	pv_pe_alloc_count	Total number of allocated Physical Extents.	
        PVS	STRING_LIST	PV Tags	0	pv_tags	Tags, if any.	
        PVS	NUMBER	#PMda	0	pv_mda_count	Number of metadata areas on this device.	
        PVS	NUMBER	#PMdaUse	0	pv_mda_used_count	Number of metadata areas in use on this device.	
        PVS	SIZE	BA Start	0	pv_ba_start	Offset to the start of PV Bootloader Area on the underlying device in current units.	
        PVS	SIZE	BA Size	0	pv_ba_size	Size of PV Bootloader Area in current units.	
        PVS	BINARY	PInUse	0	pv_in_use	Set if PV is used.	used|in use
        PVS	BINARY	Duplicate	0	pv_duplicate	Set if PV is an unchosen duplicate.	duplicate
        PVS	STRING	DeviceID	0	pv_device_id	Device ID such as the WWID.	
        PVS	STRING	DeviceIDType	0	pv_device_id_type	Type of device ID such as WWID.	
        VGS	STRING	Fmt	0	vg_fmt	Type of metadata.	
        VGS	STRING	VG UUID	38	vg_uuid	Unique identifier.	
        VGS	STRING	VG	0	vg_name	Name.	
        VGS	STRING	Attr	5	vg_attr	Various attributes - see man page.	
        VGS	STRING	VPerms	10	vg_permissions	VG permissions.	
        VGS	BINARY	Extendable	0	vg_extendable	Set if VG is extendable.	extendable
        VGS	BINARY	Exported	10	vg_exported	Set if VG is exported.	exported
        VGS	BINARY	AutoAct	0	vg_autoactivation	Set if VG autoactivation is enabled.	enabled
        VGS	BINARY	Partial	10	vg_partial	Set if VG is partial.	partial
        VGS	STRING	AllocPol	10	vg_allocation_policy	VG allocation policy.	
        VGS	BINARY	Clustered	10	vg_clustered	Set if VG is clustered.	clustered
        VGS	BINARY	Shared	7	vg_shared	Set if VG is shared.	shared
        VGS	SIZE	VSize	0	vg_size	Total size of VG in current units.	
        VGS	SIZE	VFree	0	vg_free	Total amount of free space in current units.	
        VGS	STRING	SYS ID	0	vg_sysid	System ID of the VG indicating which host owns it.	
        VGS	STRING	System ID	0	vg_systemid	System ID of the VG indicating which host owns it.	
        VGS	STRING	LockType	0	vg_lock_type	Lock type of the VG used by lvmlockd.	
        VGS	STRING	VLockArgs	0	vg_lock_args	Lock args of the VG used by lvmlockd.	
        VGS	SIZE	Ext	0	vg_extent_size	Size of Physical Extents in current units.	
        VGS	NUMBER	#Ext	0	vg_extent_count	Total number of Physical Extents.	
        VGS	NUMBER	Free	0	vg_free_count	Total number of unallocated Physical Extents.	
        VGS	NUMBER	MaxLV	0	max_lv	Maximum number of LVs allowed in VG or 0 if unlimited.	
        VGS	NUMBER	MaxPV	0	max_pv	Maximum number of PVs allowed in VG or 0 if unlimited.	
        VGS	NUMBER	#PV	0	pv_count	Number of PVs in VG.	
        VGS	NUMBER	#PV Missing	0	vg_missing_pv_count	Number of PVs in VG which are missing.	
        VGS	NUMBER	#LV	0	lv_count	Number of LVs.	
        VGS	NUMBER	#SN	0	snap_count	Number of snapshots.	
        VGS	NUMBER	Seq	0	vg_seqno	Revision number of internal metadata.  Incremented whenever it changes.	
        VGS	STRING_LIST	VG Tags	0	vg_tags	Tags, if any.	
        VGS	STRING	VProfile	0	vg_profile	Configuration profile attached to this VG.	
        VGS	NUMBER	#VMda	0	vg_mda_count	Number of metadata areas on this VG.	
        VGS	NUMBER	#VMdaUse	0	vg_mda_used_count	Number of metadata areas in use on this VG.	
        VGS	SIZE	VMdaFree	9	vg_mda_free	Free metadata area space for this VG in current units.	
        VGS	SIZE	VMdaSize	9	vg_mda_size	Size of smallest metadata area for this VG in current units.	
        VGS	NUMBER	#VMdaCps	0	vg_mda_copies	Target number of in use metadata areas in the VG.	
        SEGS	STRING	Type	0	segtype	Type of LV segment.	
        SEGS	NUMBER	#Str	0	stripes	Number of stripes or mirror/raid1 legs.	
        SEGS	NUMBER	#DStr	0	data_stripes	Number of data stripes or mirror/raid1 legs.	
        SEGS	SIZE	RSize	0	reshape_len	Size of out-of-place reshape space in current units.	
        SEGS	NUMBER	RSize	0	reshape_len_le	Size of out-of-place reshape space in logical extents.	
        SEGS	NUMBER	#Cpy	0	data_copies	Number of data copies.	
        SEGS	NUMBER	DOff	0	data_offset	Data offset on each image device.	
        SEGS	NUMBER	NOff	0	new_data_offset	New data offset after any reshape on each image device.	
        SEGS	NUMBER	#Par	0	parity_chunks	Number of (rotating) parity chunks.	
        SEGS	SIZE	Stripe	0	stripe_size	For stripes, amount of data placed on one device before switching to the next.	
        SEGS	SIZE	Region	0	region_size	For mirrors/raids, the unit of data per leg when synchronizing devices.	
        SEGS	SIZE	Chunk	0	chunk_size	For snapshots, the unit of data used when tracking changes.	
        SEGS	NUMBER	#Thins	0	thin_count	For thin pools, the number of thin volumes in this pool.	
        SEGS	STRING	Discards	0	discards	For thin pools, how discards are handled.	
        SEGS	NUMBER	CMFmt	0	cache_metadata_format	For cache, metadata format in use.	
        SEGS	STRING	CacheMode	0	cache_mode	For cache, how writes are cached.	
        SEGS	BINARY	Zero	0	zero	For thin pools and volumes, if zeroing is enabled.	zero
        SEGS	NUMBER	TransId	0	transaction_id	For thin pools, the transaction id and creation transaction id for thins.	
        SEGS	NUMBER	ThId	0	thin_id	For thin volume, the thin device id.	
        SEGS	SIZE	Start	0	seg_start	Offset within the LV to the start of the segment in current units.	
        SEGS	NUMBER	Start	0	seg_start_pe	Offset within the LV to the start of the segment in physical extents.	
        SEGS	SIZE	SSize	0	seg_size	Size of segment in current units.	
        SEGS	SIZE	SSize	0	seg_size_pe	Size of segment in physical extents.	
        SEGS	STRING_LIST	Seg Tags	0	seg_tags	Tags, if any.	
        SEGS	STRING_LIST	PE Ranges	0	seg_pe_ranges	Ranges of Physical Extents of underlying devices in command line format (deprecated, use seg_le_ranges for common format).	
        SEGS	STRING_LIST	LE Ranges	0	seg_le_ranges	Ranges of Logical Extents of underlying devices in command line format.	
        SEGS	STRING_LIST	Metadata LE Ranges	0	seg_metadata_le_ranges	Ranges of Logical Extents of underlying metadata devices in command line format.	
        SEGS	STRING_LIST	Devices	0	devices	Underlying devices used with starting extent numbers.	
        SEGS	STRING_LIST	Metadata Devs	0	metadata_devices	Underlying metadata devices used with starting extent numbers.	
        SEGS	STRING	Monitor	0	seg_monitor	Dmeventd monitoring status of the segment.	
        SEGS	STRING	CachePolicy	0	cache_policy	The cache policy (cached segments only).	
        SEGS	STRING_LIST	CacheSettings	0	cache_settings	Cache settings/parameters (cached segments only).	
        SEGS	BINARY	VDOCompression	0	vdo_compression	Set for compressed LV (vdopool).	enabled
        SEGS	BINARY	VDODeduplication	0	vdo_deduplication	Set for deduplicated LV (vdopool).	enabled
        SEGS	BINARY	VDOMetadataHints	0	vdo_use_metadata_hints	Use REQ_SYNC for writes (vdopool).	enabled
        SEGS	NUMBER	VDOMinimumIOSize	0	vdo_minimum_io_size	Minimum acceptable IO size (vdopool).	
        SEGS	SIZE	VDOBlockMapCacheSize	0	vdo_block_map_cache_size	Allocated caching size (vdopool).	
        SEGS	NUMBER	VDOBlockMapEraLength	0	vdo_block_map_era_length	Speed of cache writes (vdopool).	
        SEGS	BINARY	VDOSparseIndex	0	vdo_use_sparse_index	Sparse indexing (vdopool).	enabled
        SEGS	SIZE	VDOIndexMemorySize	0	vdo_index_memory_size	Allocated indexing memory (vdopool).	
        SEGS	SIZE	VDOSlabSize	0	vdo_slab_size	Increment size for growing (vdopool).	
        SEGS	NUMBER	VDOAckThreads	0	vdo_ack_threads	Acknowledging threads (vdopool).	
        SEGS	NUMBER	VDOBioThreads	0	vdo_bio_threads	IO submitting threads (vdopool).	
        SEGS	NUMBER	VDOBioRotation	0	vdo_bio_rotation	IO enqueue (vdopool).	
        SEGS	NUMBER	VDOCPUThreads	0	vdo_cpu_threads	CPU threads for compression and hashing (vdopool).	
        SEGS	NUMBER	VDOHashZoneThreads	0	vdo_hash_zone_threads	Threads for subdivide parts (vdopool).	
        SEGS	NUMBER	VDOLogicalThreads	0	vdo_logical_threads	Logical threads for subdivide parts (vdopool).	
        SEGS	NUMBER	VDOPhysicalThreads	0	vdo_physical_threads	Physical threads for subdivide parts (vdopool).	
        SEGS	NUMBER	VDOMaxDiscard	0	vdo_max_discard	Maximum discard size volume can recieve (vdopool).	
        SEGS	STRING	VDOWritePolicy	0	vdo_write_policy	Specified write policy (vdopool).	
        SEGS	SIZE	VDOHeaderSize	0	vdo_header_size	Header size at front of vdopool.	
        PVSEGS	NUMBER	Start	0	pvseg_start	Physical Extent number of start of segment.	
        PVSEGS	NUMBER	SSize	0	pvseg_size	Number of extents in segment.	
        """;

    private Lvm2FieldTable() {
    }
}
