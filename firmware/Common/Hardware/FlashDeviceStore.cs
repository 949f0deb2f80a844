using CellVar.Bms.OnDevice.Communication;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// <see cref="IDeviceStore"/> on the internal flash drive: the last accepted prior and the last accepted config as
    /// their raw payloads in two files, the sequence reservation as ten ASCII digits. Every file is replaced atomically
    /// (<see cref="DeviceFiles.WriteAll"/>). Writes happen only when a prior or config changes or every
    /// <see cref="MonitorApp.SequenceReserve"/> messages, to spare the flash.
    /// </summary>
    public sealed class FlashDeviceStore : IDeviceStore
    {
        private readonly string _priorPath;
        private readonly string _configPath;
        private readonly string _sequencePath;
        private readonly byte[] _digits = new byte[10];

        /// <summary>
        /// Uses <paramref name="priorPath"/> (e.g. <c>I:\prior.json</c>) with a sibling <c>.seq</c> file, and
        /// <paramref name="configPath"/> (e.g. <c>I:\hostconfig.json</c>) for the host's config message.
        /// </summary>
        public FlashDeviceStore(string priorPath, string configPath)
        {
            _priorPath = priorPath;
            _configPath = configPath;
            _sequencePath = priorPath + ".seq";
        }

        /// <inheritdoc />
        public int LoadPrior(byte[] buffer)
        {
            return Load(_priorPath, buffer);
        }

        /// <inheritdoc />
        public bool SavePrior(byte[] payload, int length)
        {
            return DeviceFiles.WriteAll(_priorPath, payload, length);
        }

        /// <inheritdoc />
        public int LoadConfig(byte[] buffer)
        {
            return Load(_configPath, buffer);
        }

        /// <inheritdoc />
        public bool SaveConfig(byte[] payload, int length)
        {
            return DeviceFiles.WriteAll(_configPath, payload, length);
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

        // −1 only when the file is absent; a file that exists but is empty, unreadable or too large is −2, so the
        // monitor can report a damaged copy instead of booting silently as if it were fresh.
        private static int Load(string path, byte[] buffer)
        {
            int n = DeviceFiles.ReadAll(path, buffer);
            if (n == DeviceFiles.Missing)
                return -1;
            return n > 0 && n <= ProtocolLimits.ReceiveLimitBytes ? n : -2;
        }
    }
}
