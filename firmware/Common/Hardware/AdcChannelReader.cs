using System;
using System.Device.Adc;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>
    /// <see cref="IAdcChannelReader"/> over System.Device.Adc: opens only the channels the configuration allows
    /// (the board's usable set, ADC1 only on an ESP32 with Wi-Fi) once at boot and returns one raw conversion per call.
    /// Averaging and calibration live in the device library; a failed conversion returns −1 so the sample is flagged.
    /// </summary>
    public sealed class AdcChannelReader : IAdcChannelReader
    {
        private readonly AdcChannel[] _channels;

        /// <summary>Opens every channel in <paramref name="allowedChannels"/> that the controller has.</summary>
        public AdcChannelReader(AdcController controller, int[] allowedChannels)
        {
            int max = -1;
            for (int i = 0; i < allowedChannels.Length; i++)
            {
                if (allowedChannels[i] > max)
                    max = allowedChannels[i];
            }
            _channels = new AdcChannel[max + 1];
            MaxValue = controller.MaxValue;
            int count = controller.ChannelCount;
            for (int i = 0; i < allowedChannels.Length; i++)
            {
                int ch = allowedChannels[i];
                if (ch < 0 || ch >= count)
                {
                    OpenFailures++;
                    continue;
                }
                try
                {
                    _channels[ch] = controller.OpenChannel(ch);
                }
                catch (Exception)
                {
                    // e.g. CLR_E_PIN_UNAVAILABLE for an ADC2 pin while Wi-Fi runs: the channel stays closed and reads −1.
                    OpenFailures++;
                }
            }
        }

        /// <summary>The controller's full-scale count (4095 on ESP32 and STM32).</summary>
        public int MaxValue { get; }

        /// <summary>Allowed channels that could not be opened.</summary>
        public int OpenFailures { get; }

        /// <summary>Conversions that threw.</summary>
        public int ReadFailures { get; private set; }

        /// <inheritdoc />
        public int ReadRaw(int channel)
        {
            if (channel < 0 || channel >= _channels.Length)
                return -1;
            AdcChannel c = _channels[channel];
            if (c == null)
                return -1;
            try
            {
                return c.ReadValue();
            }
            catch (Exception)
            {
                ReadFailures++;
                return -1;
            }
        }
    }
}
