using System;

namespace CellVar.Bms.OnDevice.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in integer-only code for the device. Streaming: <see cref="Update"/> any number of times,
    /// then <see cref="Final"/>, which also resets the instance for the next message. All state is allocated in the
    /// constructor (≈ 360 bytes), so hashing allocates nothing. Not thread-safe.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Length of a digest in bytes.</summary>
        public const int HashBytes = 32;

        /// <summary>Length of one compression block in bytes (also the HMAC block size).</summary>
        public const int BlockBytes = 64;

        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _h = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _fill;
        private long _totalBytes;

        /// <summary>Creates a hasher ready for the first message.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Discards any partial message and starts a new one.</summary>
        public void Reset()
        {
            // FIPS 180-4 §5.3.3 initial hash value.
            _h[0] = 0x6a09e667; _h[1] = 0xbb67ae85; _h[2] = 0x3c6ef372; _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f; _h[5] = 0x9b05688c; _h[6] = 0x1f83d9ab; _h[7] = 0x5be0cd19;
            _fill = 0;
            _totalBytes = 0;
        }

        /// <summary>Feeds <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentException">The range lies outside <paramref name="data"/>.</exception>
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
                throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new ArgumentException("offset/count outside the buffer");
            _totalBytes += count;
            while (count > 0)
            {
                if (_fill == 0 && count >= BlockBytes)
                {
                    // Whole blocks straight from the caller's buffer: no copy.
                    Compress(data, offset);
                    offset += BlockBytes;
                    count -= BlockBytes;
                    continue;
                }
                int n = BlockBytes - _fill;
                if (n > count)
                    n = count;
                Array.Copy(data, offset, _block, _fill, n);
                _fill += n;
                offset += n;
                count -= n;
                if (_fill == BlockBytes)
                {
                    Compress(_block, 0);
                    _fill = 0;
                }
            }
        }

        /// <summary>Pads, writes the 32-byte digest to <paramref name="hash"/> at <paramref name="offset"/> and resets.</summary>
        /// <exception cref="ArgumentException">Fewer than 32 bytes of room at <paramref name="offset"/>.</exception>
        public void Final(byte[] hash, int offset)
        {
            if (hash == null)
                throw new ArgumentNullException("hash");
            if (offset < 0 || offset > hash.Length - HashBytes)
                throw new ArgumentException("digest needs 32 bytes of room");
            long bits = _totalBytes << 3;
            _block[_fill++] = 0x80;
            if (_fill > BlockBytes - 8)
            {
                while (_fill < BlockBytes)
                    _block[_fill++] = 0;
                Compress(_block, 0);
                _fill = 0;
            }
            while (_fill < BlockBytes - 8)
                _block[_fill++] = 0;
            for (int i = 0; i < 8; i++)
                _block[BlockBytes - 1 - i] = (byte)(bits >> (8 * i));
            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint v = _h[i];
                hash[offset + 4 * i] = (byte)(v >> 24);
                hash[offset + 4 * i + 1] = (byte)(v >> 16);
                hash[offset + 4 * i + 2] = (byte)(v >> 8);
                hash[offset + 4 * i + 3] = (byte)v;
            }
            Reset();
        }

        // One flat method on purpose: calls are the expensive part of interpreted IL, so the rotations are written out.
        private void Compress(byte[] p, int o)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int j = o + 4 * t;
                w[t] = ((uint)p[j] << 24) | ((uint)p[j + 1] << 16) | ((uint)p[j + 2] << 8) | p[j + 3];
            }
            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
            }
            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
            for (int t = 0; t < 64; t++)
            {
                uint bs1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint ch = (e & f) ^ (~e & g);
                uint t1 = unchecked(h + bs1 + ch + K[t] + w[t]);
                uint bs0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint maj = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = unchecked(bs0 + maj);
                h = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }
            unchecked
            {
                _h[0] += a; _h[1] += b; _h[2] += c; _h[3] += d;
                _h[4] += e; _h[5] += f; _h[6] += g; _h[7] += h;
            }
        }
    }
}
