namespace CellVar.Bms.OnDevice.Provisioning
{
    /// <summary>Outcome of parsing the device configuration file; anything but <see cref="Ok"/> keeps the monitor from starting.</summary>
    public enum ProvisioningStatus
    {
        /// <summary>Parsed and consistent.</summary>
        Ok = 0,
        /// <summary>Not JSON, or outside the subset the device reads (string escapes, fractions, nesting deeper than 4).</summary>
        Json = 1,
        /// <summary>The file is larger than <see cref="DeviceConfiguration.MaxFileBytes"/>.</summary>
        TooLarge = 2,
        /// <summary><c>"v"</c> is not <see cref="DeviceConfiguration.SchemaVersion"/>.</summary>
        Version = 3,
        /// <summary>A required field is absent.</summary>
        Missing = 4,
        /// <summary>A field has the wrong JSON type.</summary>
        Type = 5,
        /// <summary>A value is outside its allowed range, or a text field has characters the device refuses.</summary>
        Range = 6,
        /// <summary>A key appears twice, or two signals share one ADC channel.</summary>
        Duplicate = 7,
        /// <summary>Fields disagree with each other (e.g. a channel not in <c>adcChannels</c>) or the monitor config built from them is invalid.</summary>
        Inconsistent = 8,
    }
}
