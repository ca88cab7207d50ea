//! A check of an OLE compound file's sector chains before calamine reads it: calamine follows a
//! chain until its end marker, so a chain that loops back on itself grows its buffer until memory
//! runs out, and a sector number past the allocation table panics. Every chain the reader follows
//! (the directory, the mini allocation table, the mini stream and each stream) is walked here once,
//! with each sector visited at most once and every number inside the table and the file.
//!
//! Invariant: bytes in, "readable" or why not out; reads nothing calamine does not, allocates at most the file's size.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Numbers from here up are markers (free, end of chain, allocation table, DIFAT), not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

struct File<'a> {
    bytes: &'a [u8],
    size: usize,
    /// Sectors the file holds after its header.
    sectors: usize,
}

impl File<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], String> {
        let start = (id as usize + 1).checked_mul(self.size).ok_or("sector number overflows")?;
        self.bytes.get(start..start + self.size).ok_or_else(|| format!("sector {id} is past the end of the file"))
    }

    /// The sectors of the chain from `start` through `table`, each once; a loop or a number outside
    /// the table is an error.
    fn chain(&self, start: u32, table: &[u32], what: &str) -> Result<Vec<u32>, String> {
        let mut seen = vec![false; table.len()];
        let mut out = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN && id < RESERVED {
            let i = id as usize;
            if i >= table.len() {
                return Err(format!("the {what} chain points past its allocation table (sector {id})"));
            }
            if std::mem::replace(&mut seen[i], true) {
                return Err(format!("the {what} chain loops back to sector {id}"));
            }
            out.push(id);
            id = table[i];
        }
        Ok(out)
    }
}

/// Whether calamine can read `bytes` without looping or reading past its tables; why not.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 {
        return Err("the file is shorter than its header".into());
    }
    let size = match u16_at(bytes, 30) {
        9 => 512,
        12 => 4096,
        s => return Err(format!("sector shift {s} is neither 9 nor 12")),
    };
    let file = File { bytes, size, sectors: (bytes.len().saturating_sub(size)).div_ceil(size) };
    let per_sector = size / 4;

    // The allocation table's sectors: 109 in the header, the rest along the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).filter(|&id| id < RESERVED).collect();
    let mut difat = u32_at(bytes, 68);
    let mut steps = 0;
    while difat < RESERVED {
        steps += 1;
        if steps > file.sectors {
            return Err("the DIFAT chain loops".into());
        }
        let sector = file.sector(difat)?;
        fat_sectors.extend((0..per_sector - 1).map(|i| u32_at(sector, 4 * i)).filter(|&id| id < RESERVED));
        difat = u32_at(sector, size - 4);
    }
    if fat_sectors.len() > file.sectors {
        return Err("the allocation table is larger than the file".into());
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
    for id in fat_sectors {
        let sector = file.sector(id)?;
        fat.extend((0..per_sector).map(|i| u32_at(sector, 4 * i)));
    }

    let directory = file.chain(u32_at(bytes, 48), &fat, "directory")?;
    let mut entries: Vec<(u8, u32, u64)> = Vec::new();
    for id in &directory {
        let sector = file.sector(*id)?;
        for entry in sector.chunks_exact(128) {
            let kind = entry[66];
            let low = u64::from(u32_at(entry, 120));
            // Version 3 files keep only the low half of a stream's size.
            let high = if size == 512 { 0 } else { u64::from(u32_at(entry, 124)) };
            entries.push((kind, u32_at(entry, 116), low | high << 32));
        }
    }
    let minifat_sectors = file.chain(u32_at(bytes, 60), &fat, "mini allocation table")?;
    let mut minifat = Vec::new();
    for id in minifat_sectors {
        let sector = file.sector(id)?;
        minifat.extend((0..per_sector).map(|i| u32_at(sector, 4 * i)));
    }
    let cutoff = u64::from(u32_at(bytes, 56));
    for (i, &(kind, start, len)) in entries.iter().enumerate() {
        match kind {
            // The root entry: the mini stream, in the main table.
            5 if i == 0 => drop(file.chain(start, &fat, "mini stream")?),
            2 if len < cutoff => drop(file.chain(start, &minifat, "stream")?),
            2 => drop(file.chain(start, &fat, "stream")?),
            _ => {}
        }
    }
    Ok(())
}
