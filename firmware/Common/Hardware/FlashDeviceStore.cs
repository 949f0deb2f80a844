using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// <see cref="IDeviceStore"/> on the internal flash drive: the last accepted prior as its raw payload, the sequence
    /// reservation as ten ASCII digits. Writes happen only when the prior changes or every
    /// <see cref="MonitorApp.SequenceReserve"/> messages, to spare the flash.
    /// </summary>
    public sealed class FlashDeviceStore : IDeviceStore
    {
        private readonly string _priorPath;
        private readonly string _sequencePath;
        private readonly byte[] _digits = new byte[10];

        /// <summary>Uses <paramref name="priorPath"/> (e.g. <c>I:\prior.json</c>) and a sibling <c>.seq</c> file.</summary>
        public FlashDeviceStore(string priorPath)
        {
            _priorPath = priorPath;
            _sequencePath = priorPath + ".seq";
        }

        /// <inheritdoc />
        public int LoadPrior(byte[] buffer)
        {
            int n = DeviceFiles.ReadAll(_priorPath, buffer);
            return n > 0 && n <= ProtocolLimits.ReceiveLimitBytes ? n : -1;
        }

        /// <inheritdoc />
        public bool SavePrior(byte[] payload, int length)
        {
            return DeviceFiles.WriteAll(_priorPath, payload, length);
        }

        /// <inheritdoc />
        public uint LoadSequence()
        {
            int n = DeviceFiles.ReadAll(_sequencePath, _digits);
            if (n <= 0)
                return 0;
            uint v = 0;
            for (int i = 0; i < n; i++)
            {
                int d = _digits[i] - (byte)'0';
                if (d < 0 || d > 9)
                    return 0;
                v = v * 10 + (uint)d;
            }
            return v;
        }

        /// <inheritdoc />
        public bool SaveSequence(uint reservedUpTo)
        {
            uint v = reservedUpTo;
            for (int i = 9; i >= 0; i--)
            {
                _digits[i] = (byte)('0' + (int)(v % 10));
                v /= 10;
            }
            return DeviceFiles.WriteAll(_sequencePath, _digits, 10);
        }
    }
}
