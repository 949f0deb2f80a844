// Declaration-only reference stub: package nanoFramework.System.Device.Adc 1.1.24 (assembly System.Device.Adc),
// mirroring nanoframework/System.Device.Adc System.Device.Adc/{AdcController,AdcChannel,AdcChannelBase,
// AdcControllerBase,AdcChannelMode}.cs @ a5c8495. There is no ReadValueAveraged and no GetDefault: calling them
// must fail to compile.
using System;

namespace System.Device.Adc
{
    public enum AdcChannelMode
    {
        SingleEnded = 0,
        Differential,
    }

    public abstract class AdcControllerBase
    {
        public abstract int ChannelCount { get; }
        public abstract int MaxValue { get; }
        public abstract int MinValue { get; }
        public abstract int ResolutionInBits { get; }
        public abstract AdcChannelMode ChannelMode { get; set; }
        public abstract bool IsChannelModeSupported(AdcChannelMode mode);
        public abstract AdcChannel OpenChannel(int channelNumber);
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() { throw new NotImplementedException(); }
        public override int ChannelCount { get { throw new NotImplementedException(); } }
        public override int MaxValue { get { throw new NotImplementedException(); } }
        public override int MinValue { get { throw new NotImplementedException(); } }
        public override int ResolutionInBits { get { throw new NotImplementedException(); } }
        public override AdcChannelMode ChannelMode { get { throw new NotImplementedException(); } set { } }
        public override bool IsChannelModeSupported(AdcChannelMode mode) { throw new NotImplementedException(); }
        public override AdcChannel OpenChannel(int channelNumber) { throw new NotImplementedException(); }
    }

    public abstract class AdcChannelBase : IDisposable
    {
        public abstract AdcController Controller { get; }
        public abstract int ReadValue();
        public double ReadRatio() { throw new NotImplementedException(); }
        public void Dispose() { throw new NotImplementedException(); }
    }

    public class AdcChannel : AdcChannelBase
    {
        public override AdcController Controller { get { throw new NotImplementedException(); } }
        public override int ReadValue() { throw new NotImplementedException(); }
    }
}
