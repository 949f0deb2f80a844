using System;

namespace CellVar.Bms.OnDevice.Security
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104 / FIPS 198-1) with a fixed key, integer-only. The padded inner and outer keys are derived
    /// once in the constructor; <see cref="Compute"/>, the streaming <see cref="Begin"/>/<see cref="Update"/>/<see cref="Finish"/>
    /// and <see cref="Verify"/> allocate nothing. Not thread-safe.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>Length of a full MAC in bytes.</summary>
        public const int MacBytes = Sha256.HashBytes;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _innerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _outerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _innerHash = new byte[Sha256.HashBytes];
        private readonly byte[] _check = new byte[MacBytes];

        /// <summary>Creates a MAC with the first <paramref name="keyLength"/> bytes of <paramref name="key"/> (any length; longer than 64 bytes is hashed first, per RFC 2104).</summary>
        /// <exception cref="ArgumentException"><paramref name="keyLength"/> is negative or beyond the array.</exception>
        public HmacSha256(byte[] key, int keyLength)
        {
            if (key == null)
                throw new ArgumentNullException("key");
            if (keyLength < 0 || keyLength > key.Length)
                throw new ArgumentException("keyLength outside the key array");
            // _innerPad doubles as the zero-padded key K0 until it is XORed below.
            if (keyLength > Sha256.BlockBytes)
            {
                _sha.Update(key, 0, keyLength);
                _sha.Final(_innerPad, 0);
            }
            else
            {
                Array.Copy(key, 0, _innerPad, 0, keyLength);
            }
            for (int i = 0; i < Sha256.BlockBytes; i++)
            {
                byte k0 = _innerPad[i];
                _innerPad[i] = (byte)(k0 ^ 0x36);
                _outerPad[i] = (byte)(k0 ^ 0x5c);
            }
            Begin();
        }

        /// <summary>Starts a new message (discarding any unfinished one).</summary>
        public void Begin()
        {
            _sha.Reset();
            _sha.Update(_innerPad, 0, Sha256.BlockBytes);
        }

        /// <summary>Feeds part of the message; the message may arrive in any number of pieces.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC of everything fed since <see cref="Begin"/> to <paramref name="mac"/> at <paramref name="offset"/>, then begins the next message.</summary>
        public void Finish(byte[] mac, int offset)
        {
            if (mac == null)
                throw new ArgumentNullException("mac");
            if (offset < 0 || offset > mac.Length - MacBytes)
                throw new ArgumentException("MAC needs 32 bytes of room");
            _sha.Final(_innerHash, 0);
            _sha.Update(_outerPad, 0, Sha256.BlockBytes);
            _sha.Update(_innerHash, 0, Sha256.HashBytes);
            _sha.Final(mac, offset);
            Begin();
        }

        /// <summary>Computes the MAC of <paramref name="count"/> bytes of <paramref name="message"/> into the first 32 bytes of <paramref name="mac32"/>.</summary>
        public void Compute(byte[] message, int offset, int count, byte[] mac32)
        {
            Begin();
            Update(message, offset, count);
            Finish(mac32, 0);
        }

        /// <summary>
        /// True when <paramref name="mac"/> (at <paramref name="macOffset"/>, <paramref name="macLength"/> bytes) is the full
        /// 32-byte MAC of the message. A truncated MAC (any length but 32) is refused outright, because accepting a prefix
        /// would let a forger guess far fewer bits. The comparison itself is constant-time.
        /// </summary>
        public bool Verify(byte[] message, int offset, int count, byte[] mac, int macOffset, int macLength)
        {
            Compute(message, offset, count, _check);
            return FinishVerify(mac, macOffset, macLength, false);
        }

        /// <summary>Like <see cref="Verify"/>, for a message fed through <see cref="Begin"/>/<see cref="Update"/>.</summary>
        public bool VerifyStreamed(byte[] mac, int macOffset, int macLength)
        {
            return FinishVerify(mac, macOffset, macLength, true);
        }

        private bool FinishVerify(byte[] mac, int macOffset, int macLength, bool finish)
        {
            if (finish)
                Finish(_check, 0);
            if (mac == null || macLength != MacBytes || macOffset < 0 || macOffset > mac.Length - MacBytes)
                return false;
            return ConstantTime.BytesEqual(_check, 0, mac, macOffset, MacBytes);
        }
    }
}
