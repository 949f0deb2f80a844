using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Provisioning.Boards
{
    /// <summary>A board definition as data: hardware/boards/&lt;id&gt;.json.</summary>
    public sealed class BoardDefinition
    {
        /// <summary>Id used on the command line (<c>--board</c>) and in the device configuration.</summary>
        public string Id { get; set; } = "";
        /// <summary>Human-readable board name.</summary>
        public string Name { get; set; } = "";
        /// <summary><c>esp32</c> or <c>stm32</c>: selects the firmware project.</summary>
        public string Family { get; set; } = "";
        /// <summary>Microcontroller.</summary>
        public string Mcu { get; set; } = "";
        /// <summary>nanoFramework firmware target name for <c>nanoff --target</c>.</summary>
        public string NanoframeworkTarget { get; set; } = "";
        /// <summary>Remarks about target variants.</summary>
        public string? TargetNotes { get; set; }
        /// <summary><c>nanoff --platform</c> value.</summary>
        public string NanoffPlatform { get; set; } = "";
        /// <summary>The nfproj to build for this board (repo-relative).</summary>
        public string FirmwareProject { get; set; } = "";
        /// <summary><c>wifi</c> or <c>ethernet</c>.</summary>
        public string Network { get; set; } = "";
        /// <summary>File locations on the device.</summary>
        public BoardStorage Storage { get; set; } = new();
        /// <summary>ADC description.</summary>
        public BoardAdc Adc { get; set; } = new();
        /// <summary>Logical ADC channels.</summary>
        public List<BoardChannel> Channels { get; set; } = [];
        /// <summary>ADC units that cannot be read while the board's Wi-Fi is on.</summary>
        public List<string> UnusableWithWifi { get; set; } = [];
        /// <summary>Remarks.</summary>
        public List<string> Notes { get; set; } = [];

        /// <summary>True when the channel's unit is blocked by Wi-Fi on this board.</summary>
        public bool BlockedByWifi(BoardChannel c) => Network == "wifi" && UnusableWithWifi.Contains(c.Unit);

        /// <summary>Channels the firmware may open on this board with its network on, in ascending order.</summary>
        public IReadOnlyList<BoardChannel> UsableChannels() =>
            Channels.Where(c => c.Usable && !BlockedByWifi(c)).OrderBy(c => c.Channel).ToList();

        /// <summary>Nominal pin µV per count (before calibration).</summary>
        public double NominalMicrovoltsPerCount => Adc.NominalFullScale_mV * 1000.0 / Adc.MaxCount;
    }
}
