//! `cargo xtask dist --zip`: the static site and the offline file in one zip, so a release
//! can be downloaded and used without Rust. A plain deflate zip (no zip64: the site is a few
//! MB), written here with flate2 rather than pulling a zip crate into xtask.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

use crate::process::TaskResult;

/// 1980-01-01 00:00, the earliest DOS date: the same bytes for the same files.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const FLAGS: u16 = 1 << 11;

/// A zip of `entries` (name with `/` separators, contents).
pub fn zip(entries: &[(String, Vec<u8>)]) -> TaskResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let mut crc = Crc::new();
        crc.update(data);
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).map_err(|e| e.to_string())?;
        let packed = encoder.finish().map_err(|e| e.to_string())?;
        let offset = u32_of(out.len())?;
        let fields = [crc.sum(), u32_of(packed.len())?, u32_of(data.len())?];

        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(20u16.to_le_bytes()); // version needed: deflate
        common_fields(&mut out, name, fields)?;
        out.extend(name.as_bytes());
        out.extend(&packed);

        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // made by
        central.extend(20u16.to_le_bytes()); // needed
        common_fields(&mut central, name, fields)?;
        central.extend([0u8; 10]); // comment length, disk, internal and external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let central_offset = u32_of(out.len())?;
    let count = u16::try_from(entries.len()).map_err(|_| "too many files for a zip")?;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // this disk, the disk with the directory
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(u32_of(central.len())?.to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    Ok(out)
}

/// Flags to extra-field length: the same in the local and the central header.
fn common_fields(out: &mut Vec<u8>, name: &str, [crc, packed, size]: [u32; 3]) -> TaskResult<()> {
    out.extend(FLAGS.to_le_bytes());
    out.extend(8u16.to_le_bytes()); // deflate
    out.extend(DOS_TIME.to_le_bytes());
    out.extend(DOS_DATE.to_le_bytes());
    out.extend(crc.to_le_bytes());
    out.extend(packed.to_le_bytes());
    out.extend(size.to_le_bytes());
    let name_len = u16::try_from(name.len()).map_err(|_| format!("name too long: {name}"))?;
    out.extend(name_len.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // extra field length
    Ok(())
}

fn u32_of(n: usize) -> TaskResult<u32> {
    u32::try_from(n).map_err(|_| "the zip would pass 4 GB (no zip64 here)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn u16_at(b: &[u8], i: usize) -> usize {
        u16::from_le_bytes([b[i], b[i + 1]]) as usize
    }
    fn u32_at(b: &[u8], i: usize) -> usize {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
    }

    /// Read the zip back through its central directory, as an unzip tool does.
    fn read_back(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(u32_at(zip, end), 0x0605_4b50);
        let (count, mut at) = (u16_at(zip, end + 10), u32_at(zip, end + 16));
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50);
            let (crc, packed, size) = (
                u32_at(zip, at + 16),
                u32_at(zip, at + 20),
                u32_at(zip, at + 24),
            );
            let name_len = u16_at(zip, at + 28);
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            let local = u32_at(zip, at + 42);
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            let data_at = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
            let mut data = Vec::new();
            flate2::read::DeflateDecoder::new(&zip[data_at..data_at + packed])
                .read_to_end(&mut data)
                .unwrap();
            assert_eq!(data.len(), size);
            let mut check = Crc::new();
            check.update(&data);
            assert_eq!(check.sum() as usize, crc, "{name}: crc");
            files.push((name, data));
            at += 46 + name_len;
        }
        files
    }

    #[test]
    fn round_trips_names_and_contents() {
        let entries = vec![
            ("site/index.html".to_string(), b"<!doctype html>".repeat(50)),
            ("site/pkg/empty.wasm".to_string(), Vec::new()),
            ("site/é.txt".to_string(), vec![0, 255, 7]),
        ];
        assert_eq!(read_back(&zip(&entries).unwrap()), entries);
    }
}
