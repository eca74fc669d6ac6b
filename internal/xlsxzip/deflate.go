package xlsxzip

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
)

// This file is compress/flate at BestSpeed for one piece, byte for byte:
// appendDeflate gives what flate.NewWriter(w, flate.BestSpeed), one Write
// of the piece and then Flush (or Close, for an entry's last piece) write
// to w. It follows the standard library's encoder step by step (the
// snappy-like matcher of deflatefast.go, the block choices of encSpeed,
// the Huffman codes of huffman_code.go, the block layouts of
// huffman_bit_writer.go) and does the same work in fewer passes: the piece
// is matched in place instead of being copied block by block into a
// window and a copy of the previous block, matches are compared eight
// bytes at a time, the symbol counts are made while matching instead of in
// a pass over the tokens, and each length or distance is written with its
// extra bits in one step. TestDeflateMatchesFlate and FuzzDeflate compare
// it with compress/flate; resultater.xlsx must not change by one byte.

const (
	storeBlock     = 65535   // flate's maxStoreBlockSize: the blocks a piece is cut into
	maxOffset      = 1 << 15 // flate's maxMatchOffset
	maxLength      = 258
	matchTableBits = 14
	inputMargin    = 16 - 1
	endBlock       = 256
	lengthStart    = 257
	numLit         = 286 // literal and length codes
	numOffsets     = 30
	numCodegens    = 19
	badCode        = 255
	// A token is its literal/length symbol (a byte, or lengthStart plus
	// the length code) in its low 9 bits, then the offset code in 5 bits,
	// the length's extra bits in 5 and the offset's in 13. A literal has
	// the offset code noOffset, which writes nothing: every token is
	// written the same way, without a branch on its kind.
	tokenSymBits   = 9
	tokenOffShift  = 9
	tokenLenXShift = 14
	tokenOffXShift = 19
	noOffset       = numOffsets
	literalToken   = noOffset << tokenOffShift
)

var (
	lengthExtraBits = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	lengthBase      = [29]uint32{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255}
	offsetExtraBits = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	offsetBase      = [30]uint32{
		0x000000, 0x000001, 0x000002, 0x000003, 0x000004, 0x000006, 0x000008, 0x00000c, 0x000010, 0x000018,
		0x000020, 0x000030, 0x000040, 0x000060, 0x000080, 0x0000c0, 0x000100, 0x000180, 0x000200, 0x000300,
		0x000400, 0x000600, 0x000800, 0x000c00, 0x001000, 0x001800, 0x002000, 0x003000, 0x004000, 0x006000,
	}
	codegenOrder = [numCodegens]uint32{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	// lengthCodes is the length code of a match length minus 3.
	lengthCodes = func() (t [256]uint8) {
		for x := range t {
			for c := len(lengthBase) - 1; c >= 0; c-- {
				if uint32(x) >= lengthBase[c] {
					t[x] = uint8(c)
					break
				}
			}
		}
		return t
	}()
	// huffOffset is flate's offset code of a block of literals only.
	huffOffset = func() *huffmanCode {
		h := &huffmanCode{}
		var freq [numOffsets]int32
		freq[0] = 1
		h.generate(freq[:], 15)
		return h
	}()
)

// offsetCode is the distance code of a distance minus 1.
func offsetCode(off uint32) uint32 {
	if off < 4 {
		return off
	}
	n := uint32(bits.Len32(off))
	return 2*(n-1) + (off>>(n-2))&1
}

type tableEntry struct {
	val    uint32 // the four bytes at the position
	offset int32  // the position + tableBias
}

// tableBias keeps an empty table entry further back than any match may
// reach, as flate's starting offset does.
const tableBias = storeBlock

// deflater is one worker's encoder, kept from piece to piece for its
// tables; nothing of one piece reaches the next.
type deflater struct {
	table  [1 << matchTableBits]tableEntry
	tokens []uint32

	litFreq  [numLit]int32
	offFreq  [numOffsets]int32
	cgFreq   [numCodegens]int32
	codegen  [numLit + numOffsets + 1]uint8
	lit, off huffmanCode
	cg       huffmanCode

	// the bit writer
	out   []byte
	bits  uint64
	nbits uint
}

// appendDeflate appends the deflate bytes of src to dst, ended as
// flate.Writer's Flush ends them, or its Close when final.
func (d *deflater) appendDeflate(dst, src []byte, final bool) []byte {
	d.out, d.bits, d.nbits = dst, 0, 0
	clear(d.table[:])
	for start := 0; start < len(src); start += storeBlock {
		end := min(start+storeBlock, len(src))
		block := src[start:end]
		if n := len(block); n < storeBlock && n < 128 {
			// The last block of a flush, when small (encSpeed).
			if n <= 16 {
				d.storedBlock(block)
			} else {
				d.huffBlock(block)
			}
			break
		}
		d.match(src, start, end)
		if n := len(block); len(d.tokens) > n-n>>4 {
			d.huffBlock(block)
		} else {
			d.dynamicBlock(block)
		}
	}
	// Flush or Close: an empty stored block, the last one when final.
	d.storedHeader(0, final)
	d.flushBits()
	return d.out
}

// match finds the matches of src[start:end] as flate's deflateFast.encode
// does for that block, given the blocks before it in src, and counts the
// symbols of its tokens (flate's indexTokens).
func (d *deflater) match(src []byte, start, end int) {
	clear(d.litFreq[:])
	clear(d.offFreq[:])
	// A block has at most one token per byte, and the end of block.
	tokens := slices.Grow(d.tokens[:0], end-start+1)
	litFreq := &d.litFreq
	literals := func(b []byte) {
		for _, c := range b {
			tokens = append(tokens, uint32(c)|literalToken)
			litFreq[c]++
		}
	}
	sLimit := int32(end - inputMargin)
	base := int32(start)
	nextEmit := base
	s := base
	cv := binary.LittleEndian.Uint32(src[s:])
	nextHash := hash4(cv)
	for {
		skip := int32(32)
		nextS := s
		var candidate tableEntry
		for {
			s = nextS
			step := skip >> 5
			nextS = s + step
			skip += step
			if nextS > sLimit {
				goto remainder
			}
			candidate = d.table[nextHash]
			now := binary.LittleEndian.Uint32(src[nextS:])
			d.table[nextHash] = tableEntry{offset: s + tableBias, val: cv}
			nextHash = hash4(now)
			if s-(candidate.offset-tableBias) > maxOffset || cv != candidate.val {
				cv = now
				continue
			}
			break
		}
		literals(src[nextEmit:s])
		for {
			// The four bytes at s match those at the candidate.
			s += 4
			t := candidate.offset - tableBias + 4
			l := int32(matchLen(src[s:min(int(s)+maxLength-4, end)], src[t:]))
			xlen := uint32(l + 4 - 3)
			xoff := uint32(s - t - 1)
			lc := uint32(lengthCodes[xlen])
			oc := offsetCode(xoff)
			tokens = append(tokens, (lengthStart+lc)|oc<<tokenOffShift|(xlen-lengthBase[lc])<<tokenLenXShift|(xoff-offsetBase[oc])<<tokenOffXShift)
			litFreq[lengthStart+lc]++
			d.offFreq[oc]++
			s += l
			nextEmit = s
			if s >= sLimit {
				goto remainder
			}
			x := binary.LittleEndian.Uint64(src[s-1:])
			d.table[hash4(uint32(x))] = tableEntry{offset: s - 1 + tableBias, val: uint32(x)}
			x >>= 8
			currHash := hash4(uint32(x))
			candidate = d.table[currHash]
			d.table[currHash] = tableEntry{offset: s + tableBias, val: uint32(x)}
			if s-(candidate.offset-tableBias) > maxOffset || uint32(x) != candidate.val {
				cv = uint32(x >> 8)
				nextHash = hash4(cv)
				s++
				break
			}
		}
	}
remainder:
	if int(nextEmit) < end {
		literals(src[nextEmit:end])
	}
	d.tokens = tokens
}

func hash4(u uint32) uint32 { return (u * 0x1e35a7bd) >> (32 - matchTableBits) }

// matchLen is how many bytes of a b begins with (b is at least as long).
func matchLen(a, b []byte) int {
	n := 0
	for ; len(a)-n >= 8; n += 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
	}
	for ; n < len(a); n++ {
		if a[n] != b[n] {
			break
		}
	}
	return n
}

// dynamicBlock is flate's writeBlockDynamic of the block's tokens.
func (d *deflater) dynamicBlock(block []byte) {
	d.litFreq[endBlock]++
	nLit := numLit
	for d.litFreq[nLit-1] == 0 {
		nLit--
	}
	nOff := numOffsets
	for nOff > 0 && d.offFreq[nOff-1] == 0 {
		nOff--
	}
	if nOff == 0 {
		d.offFreq[0] = 1
		nOff = 1
	}
	d.lit.generate(d.litFreq[:], 15)
	d.off.generate(d.offFreq[:], 15)
	d.generateCodegen(nLit, nOff, &d.lit, &d.off)
	d.cg.generate(d.cgFreq[:], 7)
	size, nCodegens := d.dynamicSize(&d.lit, &d.off)
	if ssize := (len(block) + 5) * 8; ssize < size+size>>4 {
		d.storedBlock(block)
		return
	}
	d.dynamicHeader(nLit, nOff, nCodegens)
	d.writeTokens()
}

// huffBlock is flate's writeBlockHuff: the block as literals only.
func (d *deflater) huffBlock(block []byte) {
	clear(d.litFreq[:])
	for _, c := range block {
		d.litFreq[c]++
	}
	d.litFreq[endBlock] = 1
	d.offFreq[0] = 1
	const nLit, nOff = endBlock + 1, 1
	d.lit.generate(d.litFreq[:], 15)
	d.generateCodegen(nLit, nOff, &d.lit, huffOffset)
	d.cg.generate(d.cgFreq[:], 7)
	size, nCodegens := d.dynamicSize(&d.lit, huffOffset)
	if ssize := (len(block) + 5) * 8; ssize < size+size>>4 {
		d.storedBlock(block)
		return
	}
	d.dynamicHeader(nLit, nOff, nCodegens)
	codes := &d.lit.codes
	d.reserve(len(block)*2 + 8)
	out, acc, nb := d.out, d.bits, d.nbits
	for _, c := range block {
		h := codes[c]
		acc |= uint64(h.code) << nb
		nb += uint(h.len)
		if nb >= 32 {
			out = binary.LittleEndian.AppendUint32(out, uint32(acc))
			acc >>= 32
			nb -= 32
		}
	}
	d.out, d.bits, d.nbits = out, acc, nb
	d.writeBits(uint32(codes[endBlock].code), uint(codes[endBlock].len))
}

// writeTokens writes the block's tokens and its end with d.lit and d.off.
// Each token's symbol and extra bits, and its offset's, go into a 64-bit
// accumulator, and its whole bytes go out as an 8-byte store into room
// reserved beforehand, whatever the token's kind or size: the branches
// this saves are unpredictable. At most 7 bits are left over and a token
// has at most 15+5+15+13 bits, so the accumulator never overflows; the
// bytes past the end of a store are overwritten by what follows.
func (d *deflater) writeTokens() {
	type wcode struct {
		code      uint16
		len, bits uint8 // the code's length, and with the extra bits
	}
	var litTab [numLit]wcode
	var offTab [1 << (tokenLenXShift - tokenOffShift)]wcode
	for i := range endBlock {
		h := d.lit.codes[i]
		litTab[i] = wcode{h.code, uint8(h.len), uint8(h.len)}
	}
	for lc := range lengthExtraBits {
		h := d.lit.codes[lengthStart+lc]
		litTab[lengthStart+lc] = wcode{h.code, uint8(h.len), uint8(h.len) + lengthExtraBits[lc]}
	}
	for oc := range offsetExtraBits {
		h := d.off.codes[oc]
		offTab[oc] = wcode{h.code, uint8(h.len), uint8(h.len) + offsetExtraBits[oc]}
	}
	d.reserve(len(d.tokens)*6 + 16)
	buf := d.out[:cap(d.out)]
	n := len(d.out)
	acc, nb := d.bits, d.nbits
	// Down to at most 7 bits before the first token.
	binary.LittleEndian.PutUint64(buf[n:], acc)
	n += int(nb >> 3)
	acc >>= nb &^ 7
	nb &= 7
	for _, t := range d.tokens {
		h := litTab[t&(1<<tokenSymBits-1)]
		acc |= (uint64(h.code) | uint64(t>>tokenLenXShift&31)<<h.len) << nb
		nb += uint(h.bits)
		o := offTab[t>>tokenOffShift&31]
		acc |= (uint64(o.code) | uint64(t>>tokenOffXShift)<<o.len) << nb
		nb += uint(o.bits)
		binary.LittleEndian.PutUint64(buf[n:], acc)
		n += int(nb >> 3)
		acc >>= nb &^ 7
		nb &= 7
	}
	d.out, d.bits, d.nbits = buf[:n], acc, nb
	end := d.lit.codes[endBlock]
	d.writeBits(uint32(end.code), uint(end.len))
}

// reserve makes room for n more bytes, so the loops above append without
// growing.
func (d *deflater) reserve(n int) { d.out = slices.Grow(d.out, n) }

// writeBits writes the low nb bits of b (nb at most 32).
func (d *deflater) writeBits(b uint32, nb uint) {
	d.bits |= uint64(b) << d.nbits
	d.nbits += nb
	if d.nbits >= 32 {
		d.out = binary.LittleEndian.AppendUint32(d.out, uint32(d.bits))
		d.bits >>= 32
		d.nbits -= 32
	}
}

// flushBits writes the bits left, the last byte padded with zeros.
func (d *deflater) flushBits() {
	for d.nbits > 0 {
		d.out = append(d.out, byte(d.bits))
		d.bits >>= 8
		d.nbits -= min(d.nbits, 8)
	}
	d.bits = 0
}

func (d *deflater) storedHeader(length int, final bool) {
	var flag uint32
	if final {
		flag = 1
	}
	d.writeBits(flag, 3)
	d.flushBits()
	d.writeBits(uint32(length), 16)
	d.writeBits(uint32(^uint16(length)), 16)
}

func (d *deflater) storedBlock(block []byte) {
	d.storedHeader(len(block), false)
	d.flushBits()
	d.out = append(d.out, block...)
}

// generateCodegen is flate's: the code lengths of both codes, run-length
// coded, and how often each codegen symbol occurs.
func (d *deflater) generateCodegen(nLit, nOff int, lit, off *huffmanCode) {
	clear(d.cgFreq[:])
	codegen := d.codegen[:]
	for i := range nLit {
		codegen[i] = uint8(lit.codes[i].len)
	}
	for i := range nOff {
		codegen[nLit+i] = uint8(off.codes[i].len)
	}
	codegen[nLit+nOff] = badCode
	size := codegen[0]
	count := 1
	outIndex := 0
	for inIndex := 1; size != badCode; inIndex++ {
		nextSize := codegen[inIndex]
		if nextSize == size {
			count++
			continue
		}
		if size != 0 {
			codegen[outIndex] = size
			outIndex++
			d.cgFreq[size]++
			count--
			for count >= 3 {
				n := min(6, count)
				codegen[outIndex] = 16
				outIndex++
				codegen[outIndex] = uint8(n - 3)
				outIndex++
				d.cgFreq[16]++
				count -= n
			}
		} else {
			for count >= 11 {
				n := min(138, count)
				codegen[outIndex] = 18
				outIndex++
				codegen[outIndex] = uint8(n - 11)
				outIndex++
				d.cgFreq[18]++
				count -= n
			}
			if count >= 3 {
				codegen[outIndex] = 17
				outIndex++
				codegen[outIndex] = uint8(count - 3)
				outIndex++
				d.cgFreq[17]++
				count = 0
			}
		}
		count--
		for ; count >= 0; count-- {
			codegen[outIndex] = size
			outIndex++
			d.cgFreq[size]++
		}
		size = nextSize
		count = 1
	}
	codegen[outIndex] = badCode
}

// dynamicSize is flate's: the bits of the block with these codes.
func (d *deflater) dynamicSize(lit, off *huffmanCode) (size, nCodegens int) {
	nCodegens = numCodegens
	for nCodegens > 4 && d.cgFreq[codegenOrder[nCodegens-1]] == 0 {
		nCodegens--
	}
	header := 3 + 5 + 5 + 4 + (3 * nCodegens) +
		d.cg.bitLength(d.cgFreq[:]) +
		int(d.cgFreq[16])*2 +
		int(d.cgFreq[17])*3 +
		int(d.cgFreq[18])*7
	return header + lit.bitLength(d.litFreq[:]) + off.bitLength(d.offFreq[:]), nCodegens
}

func (d *deflater) dynamicHeader(nLit, nOff, nCodegens int) {
	d.writeBits(4, 3) // not the last block: flate writes the end as a stored block
	d.writeBits(uint32(nLit-257), 5)
	d.writeBits(uint32(nOff-1), 5)
	d.writeBits(uint32(nCodegens-4), 4)
	for i := range nCodegens {
		d.writeBits(uint32(d.cg.codes[codegenOrder[i]].len), 3)
	}
	for i := 0; ; {
		code := d.codegen[i]
		i++
		if code == badCode {
			break
		}
		h := d.cg.codes[code]
		d.writeBits(uint32(h.code), uint(h.len))
		switch code {
		case 16:
			d.writeBits(uint32(d.codegen[i]), 2)
			i++
		case 17:
			d.writeBits(uint32(d.codegen[i]), 3)
			i++
		case 18:
			d.writeBits(uint32(d.codegen[i]), 7)
			i++
		}
	}
}

// huffmanCode is flate's huffmanEncoder: length-limited Huffman codes
// made by the same algorithm, so the same counts give the same codes.
type huffmanCode struct {
	codes    [numLit]hcode
	list     [numLit + 1]literalNode
	bitCount [17]int32
}

type hcode struct{ code, len uint16 }

type literalNode struct {
	literal uint16
	freq    int32
}

type levelInfo struct {
	level, lastFreq, nextCharFreq, nextPairFreq, needed int32
}

func (h *huffmanCode) bitLength(freq []int32) int {
	total := 0
	for i, f := range freq {
		if f != 0 {
			total += int(f) * int(h.codes[i].len)
		}
	}
	return total
}

func (h *huffmanCode) generate(freq []int32, maxBits int32) {
	list := h.list[:len(freq)+1]
	count := 0
	for i, f := range freq {
		if f != 0 {
			list[count] = literalNode{uint16(i), f}
			count++
		} else {
			h.codes[i].len = 0
		}
	}
	list = list[:count]
	if count <= 2 {
		for i, node := range list {
			h.codes[node.literal] = hcode{code: uint16(i), len: 1}
		}
		return
	}
	// flate sorts with sort.Sort; the order is total, so any sort agrees.
	slices.SortFunc(list, func(a, b literalNode) int {
		if a.freq != b.freq {
			return int(a.freq - b.freq)
		}
		return int(a.literal) - int(b.literal)
	})
	bitCount := h.bitCounts(list, maxBits)
	h.assignEncodingAndSize(bitCount, list)
}

func (h *huffmanCode) bitCounts(list []literalNode, maxBits int32) []int32 {
	n := int32(len(list))
	list = list[0 : n+1]
	list[n] = literalNode{math.MaxUint16, math.MaxInt32}
	if maxBits > n-1 {
		maxBits = n - 1
	}
	var levels [16]levelInfo
	var leafCounts [16][16]int32
	for level := int32(1); level <= maxBits; level++ {
		levels[level] = levelInfo{
			level:        level,
			lastFreq:     list[1].freq,
			nextCharFreq: list[2].freq,
			nextPairFreq: list[0].freq + list[1].freq,
		}
		leafCounts[level][level] = 2
		if level == 1 {
			levels[level].nextPairFreq = math.MaxInt32
		}
	}
	levels[maxBits].needed = 2*n - 4
	level := maxBits
	for {
		l := &levels[level]
		if l.nextPairFreq == math.MaxInt32 && l.nextCharFreq == math.MaxInt32 {
			l.needed = 0
			levels[level+1].nextPairFreq = math.MaxInt32
			level++
			continue
		}
		prevFreq := l.lastFreq
		if l.nextCharFreq < l.nextPairFreq {
			n := leafCounts[level][level] + 1
			l.lastFreq = l.nextCharFreq
			leafCounts[level][level] = n
			l.nextCharFreq = list[n].freq
		} else {
			l.lastFreq = l.nextPairFreq
			copy(leafCounts[level][:level], leafCounts[level-1][:level])
			levels[l.level-1].needed = 2
		}
		if l.needed--; l.needed == 0 {
			if l.level == maxBits {
				break
			}
			levels[l.level+1].nextPairFreq = prevFreq + l.lastFreq
			level++
		} else {
			for levels[level-1].needed > 0 {
				level--
			}
		}
	}
	bitCount := h.bitCount[:maxBits+1]
	bits := 1
	counts := &leafCounts[maxBits]
	for level := maxBits; level > 0; level-- {
		bitCount[bits] = counts[level] - counts[level-1]
		bits++
	}
	return bitCount
}

func (h *huffmanCode) assignEncodingAndSize(bitCount []int32, list []literalNode) {
	code := uint16(0)
	for n, nb := range bitCount {
		code <<= 1
		if n == 0 || nb == 0 {
			continue
		}
		chunk := list[len(list)-int(nb):]
		slices.SortFunc(chunk, func(a, b literalNode) int { return int(a.literal) - int(b.literal) })
		for _, node := range chunk {
			h.codes[node.literal] = hcode{code: bits.Reverse16(code << (16 - n)), len: uint16(n)}
			code++
		}
		list = list[0 : len(list)-int(nb)]
	}
}
