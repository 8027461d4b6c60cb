//! Repair for a binaryen bug: wasm-opt up to at least version 108 (Debian 12's) rewrites a
//! module with two tables so that every table export points at table 0. wasm-bindgen's
//! externref table then comes out as the funcref table, and the glue fails at start-up
//! with "WebAssembly.Table.set(): Argument 1 is invalid for table".
//!
//! [`repair_table_exports`] compares the optimised module with the input: each exported
//! table must keep its element type, and when it did not, the export is pointed at the
//! one table of the right type. Only the export section is rewritten.

use crate::process::TaskResult;

const SECTION_IMPORT: u8 = 2;
const SECTION_TABLE: u8 = 4;
const SECTION_EXPORT: u8 = 7;
const KIND_FUNC: u8 = 0;
const KIND_TABLE: u8 = 1;
const KIND_MEMORY: u8 = 2;
const KIND_GLOBAL: u8 = 3;
const KIND_TAG: u8 = 4;

struct Export {
    name: Vec<u8>,
    kind: u8,
    index: u32,
}

/// The parts of a module this repair needs.
struct Module {
    /// Element type byte of every table, imported ones first (the index space order).
    table_types: Vec<u8>,
    exports: Vec<Export>,
    /// Byte range of the whole export section (id, size and contents), if any.
    export_section: Option<(usize, usize)>,
}

/// What happened, for the build log.
#[derive(Debug, PartialEq)]
pub enum Repair {
    NothingToDo,
    Fixed(Vec<String>),
}

/// Check `optimised` against `original` and fix table exports in place.
pub fn repair_table_exports(original: &[u8], optimised: &mut Vec<u8>) -> TaskResult<Repair> {
    let before = parse(original)?;
    let after = parse(optimised)?;
    let mut fixed = Vec::new();
    let mut exports = after.exports;
    for export in exports.iter_mut().filter(|e| e.kind == KIND_TABLE) {
        let Some(wanted) = before
            .exports
            .iter()
            .find(|e| e.kind == KIND_TABLE && e.name == export.name)
            .and_then(|e| before.table_types.get(e.index as usize))
        else {
            continue;
        };
        if after.table_types.get(export.index as usize) == Some(wanted) {
            continue;
        }
        let candidates: Vec<usize> = (0..after.table_types.len())
            .filter(|&i| after.table_types[i] == *wanted)
            .collect();
        let [index] = candidates[..] else {
            return Err(format!(
                "wasm-opt changed the type of exported table `{}` and no single table can replace it",
                String::from_utf8_lossy(&export.name)
            ));
        };
        fixed.push(format!(
            "{} -> table {index}",
            String::from_utf8_lossy(&export.name)
        ));
        export.index = index as u32;
    }
    if fixed.is_empty() {
        return Ok(Repair::NothingToDo);
    }
    let (start, end) = after
        .export_section
        .ok_or("table exports without an export section")?;
    let mut contents = Vec::new();
    write_leb(&mut contents, exports.len() as u32);
    for export in &exports {
        write_leb(&mut contents, export.name.len() as u32);
        contents.extend_from_slice(&export.name);
        contents.push(export.kind);
        write_leb(&mut contents, export.index);
    }
    let mut section = vec![SECTION_EXPORT];
    write_leb(&mut section, contents.len() as u32);
    section.extend_from_slice(&contents);
    optimised.splice(start..end, section);
    Ok(Repair::Fixed(fixed))
}

fn parse(bytes: &[u8]) -> TaskResult<Module> {
    if bytes.len() < 8 || &bytes[0..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut module = Module {
        table_types: Vec::new(),
        exports: Vec::new(),
        export_section: None,
    };
    let mut r = Reader { bytes, pos: 8 };
    while r.pos < bytes.len() {
        let header_start = r.pos;
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let start = r.pos;
        let end = start
            .checked_add(size)
            .filter(|&e| e <= bytes.len())
            .ok_or("section overruns the module")?;
        let mut s = Reader {
            bytes: &bytes[..end],
            pos: start,
        };
        match id {
            SECTION_IMPORT => {
                for _ in 0..s.leb()? {
                    s.skip_name()?;
                    s.skip_name()?;
                    match s.byte()? {
                        KIND_FUNC => {
                            s.leb()?;
                        }
                        KIND_TABLE => {
                            module.table_types.push(s.byte()?);
                            s.skip_limits()?;
                        }
                        KIND_MEMORY => s.skip_limits()?,
                        KIND_GLOBAL => {
                            s.byte()?;
                            s.byte()?;
                        }
                        KIND_TAG => {
                            s.byte()?;
                            s.leb()?;
                        }
                        other => return Err(format!("unknown import kind {other}")),
                    }
                }
            }
            SECTION_TABLE => {
                for _ in 0..s.leb()? {
                    module.table_types.push(s.byte()?);
                    s.skip_limits()?;
                }
            }
            SECTION_EXPORT => {
                for _ in 0..s.leb()? {
                    let len = s.leb()? as usize;
                    let name = s.take(len)?.to_vec();
                    let kind = s.byte()?;
                    let index = s.leb()?;
                    module.exports.push(Export { name, kind, index });
                }
                module.export_section = Some((header_start, end));
            }
            _ => {}
        }
        r.pos = end;
    }
    Ok(module)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> TaskResult<u8> {
        let b = *self.bytes.get(self.pos).ok_or("unexpected end of module")?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> TaskResult<&[u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("unexpected end of module")?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn leb(&mut self) -> TaskResult<u32> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| "LEB value too large".into());
            }
        }
        Err("LEB too long".into())
    }

    fn skip_name(&mut self) -> TaskResult<()> {
        let len = self.leb()? as usize;
        self.take(len).map(|_| ())
    }

    fn skip_limits(&mut self) -> TaskResult<()> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FUNCREF: u8 = 0x70;
    const EXTERNREF: u8 = 0x6f;

    fn section(id: u8, contents: &[u8]) -> Vec<u8> {
        let mut out = vec![id];
        write_leb(&mut out, contents.len() as u32);
        out.extend_from_slice(contents);
        out
    }

    /// A module with two tables (funcref, externref) and `externrefs` exported as `index`,
    /// followed by a custom section so the splice must keep what comes after.
    fn module(index: u8) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend(section(
            SECTION_TABLE,
            &[2, FUNCREF, 0, 1, EXTERNREF, 1, 4, 200, 1],
        ));
        let mut exports = vec![2];
        exports.extend([3, b'a', b'b', b'c', KIND_FUNC, 0]);
        exports.extend([9]);
        exports.extend(b"externref");
        exports.extend([KIND_TABLE, index]);
        m.extend(section(SECTION_EXPORT, &exports));
        m.extend(section(0, &[4, b'n', b'o', b't', b'e', 42]));
        m
    }

    #[test]
    fn points_a_retyped_table_export_back_at_the_table_of_its_type() {
        let original = module(1);
        let mut broken = module(0);
        let repair = repair_table_exports(&original, &mut broken).unwrap();
        assert_eq!(repair, Repair::Fixed(vec!["externref -> table 1".into()]));
        assert_eq!(broken, original);
    }

    #[test]
    fn leaves_a_correct_module_untouched() {
        let original = module(1);
        let mut fine = module(1);
        assert_eq!(
            repair_table_exports(&original, &mut fine).unwrap(),
            Repair::NothingToDo
        );
        assert_eq!(fine, original);
    }

    #[test]
    fn rejects_garbage() {
        let mut junk = vec![1, 2, 3];
        assert!(repair_table_exports(b"nope", &mut junk).is_err());
    }

    #[test]
    fn leb_round_trips() {
        for value in [0u32, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut out = Vec::new();
            write_leb(&mut out, value);
            assert_eq!(
                Reader {
                    bytes: &out,
                    pos: 0
                }
                .leb()
                .unwrap(),
                value
            );
        }
    }
}
