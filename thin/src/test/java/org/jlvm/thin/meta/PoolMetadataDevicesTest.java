package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

class PoolMetadataDevicesTest {
    @Test
    void devicesListsCommittedDevicesWhileAnotherHasUncommittedDetails() throws Exception {
        PoolMetadata md = PoolMetadata.format(new MemoryBlockDevice(2 << 20), 16, 160, 1 << 20);
        md.createThin(0);
        md.createThin(1);
        md.commit();
        md.insert(0, 3, md.allocateDataBlock());
        assertEquals(List.of(0L, 1L), md.devices());
        assertEquals(3, md.highestMappedBlock(0));
        assertEquals(-1, md.highestMappedBlock(1));
        md.close();
    }
}
