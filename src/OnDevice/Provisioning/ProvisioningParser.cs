using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.OnDevice.Measurement;

namespace CellVar.Bms.OnDevice.Provisioning
{
    /// <summary>
    /// Reads the provisioning file (see <see cref="DeviceConfiguration"/>) with the protocol's allocation-free
    /// <see cref="JsonReader"/> and checks it completely before the monitor starts: types, ranges, required fields,
    /// duplicate keys and channels, channels outside the board's usable set, and finally
    /// <see cref="MonitorConfig.Validate"/> on the resulting monitor configuration. Unknown keys are skipped so that
    /// newer host tools can add fields. The first problem found is reported in a <see cref="ProvisioningError"/>.
    /// The host's <c>cellvar provision</c> tests run this same class on the files it writes.
    /// </summary>
    public sealed class ProvisioningParser
    {
        private const int TextId = 0;
        private const int TextHost = 1;
        private const int TextTopic = 2;
        private const int TextSecret = 3;
        private const int MaxDepth = 4;

        private static readonly byte[] KeyV = Ascii.GetBytes("v");
        private static readonly byte[] KeyMonitor = Ascii.GetBytes("monitor");
        private static readonly byte[] KeySite = Ascii.GetBytes("site");
        private static readonly byte[] KeyTopicRoot = Ascii.GetBytes("topicRoot");
        private static readonly byte[] KeyBoard = Ascii.GetBytes("board");
        private static readonly byte[] KeyTarget = Ascii.GetBytes("target");
        private static readonly byte[] KeyBroker = Ascii.GetBytes("broker");
        private static readonly byte[] KeyHost = Ascii.GetBytes("host");
        private static readonly byte[] KeyPort = Ascii.GetBytes("port");
        private static readonly byte[] KeyTls = Ascii.GetBytes("tls");
        private static readonly byte[] KeyUser = Ascii.GetBytes("user");
        private static readonly byte[] KeyPassword = Ascii.GetBytes("password");
        private static readonly byte[] KeySample = Ascii.GetBytes("sample_ms");
        private static readonly byte[] KeyTelemetry = Ascii.GetBytes("tele_s");
        private static readonly byte[] KeyAveraging = Ascii.GetBytes("averaging");
        private static readonly byte[] KeyAveragingMode = Ascii.GetBytes("averagingMode");
        private static readonly byte[] KeyMaxCurrentSpread = Ascii.GetBytes("maxCurrentSpread_mA");
        private static readonly byte[] KeyAdcMax = Ascii.GetBytes("adcMax");
        private static readonly byte[] KeyFrontEnd = Ascii.GetBytes("frontEnd");
        private static readonly byte[] KeyAdcChannels = Ascii.GetBytes("adcChannels");
        private static readonly byte[] KeyCalibrationMode = Ascii.GetBytes("calibrationMode");
        private static readonly byte[] KeyCellCount = Ascii.GetBytes("cellCount");
        private static readonly byte[] KeyCells = Ascii.GetBytes("cells");
        private static readonly byte[] KeyCurrent = Ascii.GetBytes("current");
        private static readonly byte[] KeyPack = Ascii.GetBytes("pack");
        private static readonly byte[] KeyTemperatureKind = Ascii.GetBytes("temperatureKind");
        private static readonly byte[] KeyTemperatures = Ascii.GetBytes("temperatures");
        private static readonly byte[] KeyNtc = Ascii.GetBytes("ntc");
        private static readonly byte[] KeyPriorKey = Ascii.GetBytes("priorKey");
        private static readonly byte[] KeyCounts = Ascii.GetBytes("counts");
        private static readonly byte[] KeyDc = Ascii.GetBytes("dC");
        private static readonly byte[] KeyCh = Ascii.GetBytes("ch");
        private static readonly byte[] KeyGain = Ascii.GetBytes("gain_Q16");
        private static readonly byte[] KeyOffsetUv = Ascii.GetBytes("offset_uV");
        private static readonly byte[] KeyOffsetMa = Ascii.GetBytes("offset_mA");
        private static readonly byte[] KeyOffsetDc = Ascii.GetBytes("offset_dC");
        private static readonly byte[] KeyCell = Ascii.GetBytes("cell");
        private static readonly byte[] ValueDirect = Ascii.GetBytes("direct");
        private static readonly byte[] ValueStacked = Ascii.GetBytes("stacked");
        private static readonly byte[] ValueNtc = Ascii.GetBytes("ntc");
        private static readonly byte[] ValueLinear = Ascii.GetBytes("linear");
        private static readonly byte[] ValueTrim = Ascii.GetBytes(DeviceConfiguration.AveragingModeTrim);
        private static readonly byte[] ValueMean = Ascii.GetBytes(DeviceConfiguration.AveragingModeMean);

        private readonly JsonReader _r = new JsonReader();
        private byte[] _b;
        private ProvisioningError _err;

        // Scratch for one channel object; fields rather than out parameters keep the helpers' signatures short.
        private int _ch;
        private int _gain;
        private int _offset;
        private int _cell;
        private int _objectSeen;

        /// <summary>
        /// Parses <paramref name="length"/> bytes of <paramref name="file"/> into <paramref name="into"/>.
        /// Returns <see cref="ProvisioningStatus.Ok"/> or the first problem, described in <paramref name="error"/>.
        /// </summary>
        public ProvisioningStatus Parse(byte[] file, int length, DeviceConfiguration into, ProvisioningError error)
        {
            error.Clear();
            _err = error;
            if (file == null || length <= 0)
                return error.Fail(ProvisioningStatus.Json, string.Empty, 0, "the configuration file is empty");
            if (length > DeviceConfiguration.MaxFileBytes || length > file.Length)
                return error.Fail(ProvisioningStatus.TooLarge, string.Empty, 0, "the file is larger than " + DeviceConfiguration.MaxFileBytes.ToString() + " bytes");
            _b = file;
            _r.Reset(file, length);
            if (!ParseRoot(into))
                return error.Status;
            if (!CheckConsistency(into))
                return error.Status;
            return ProvisioningStatus.Ok;
        }

        private bool ParseRoot(DeviceConfiguration c)
        {
            if (!_r.Consume((byte)'{'))
                return FailJson("", "the file must be one JSON object");
            int seen = 0;
            int cellCount = -1;
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return FailJson("", "expected a quoted key and ':' (string escapes are not supported)");
                    int bit = RootBit(ks, kl);
                    if (bit == 0)
                    {
                        if (!_r.SkipValue(MaxDepth - 1))
                            return FailJson(Text(ks, kl), "malformed value");
                        continue;
                    }
                    string name = Text(ks, kl);
                    if ((seen & bit) != 0)
                        return Fail(ProvisioningStatus.Duplicate, name, "key appears twice");
                    seen |= bit;
                    int v;
                    bool ok;
                    switch (bit)
                    {
                        case 1 << 0:
                            ok = ReadInt(name, DeviceConfiguration.SchemaVersion, DeviceConfiguration.SchemaVersion, out v);
                            if (!ok && _err.Status == ProvisioningStatus.Range)
                            {
                                _err.Status = ProvisioningStatus.Version;
                                _err.Message = "this firmware reads schema version " + DeviceConfiguration.SchemaVersion.ToString();
                            }
                            break;
                        case 1 << 1: ok = ReadText(name, TextId, ProtocolLimits.MaxIdLength, out c.MonitorId); break;
                        case 1 << 2: ok = ReadText(name, TextId, ProtocolLimits.MaxIdLength, out c.SiteId); break;
                        case 1 << 3: ok = ReadText(name, TextTopic, 64, out c.TopicRoot); break;
                        case 1 << 4: ok = ReadText(name, TextId, ProtocolLimits.MaxIdLength, out c.Board); break;
                        case 1 << 5: ok = ReadText(name, TextId, ProtocolLimits.MaxIdLength, out c.Target); break;
                        case 1 << 6: ok = ParseBroker(c); break;
                        case 1 << 7: ok = ReadInt(name, 100, 3600000, out c.SamplePeriod_ms); break;
                        case 1 << 8: ok = ReadInt(name, 1, 3600, out c.TelemetryPeriod_s); break;
                        case 1 << 9: ok = ReadInt(name, 1, 64, out c.AveragingCount); break;
                        case 1 << 10: ok = ReadInt(name, 1, 1 << 24, out c.AdcMaxCount); break;
                        case 1 << 11: ok = ParseFrontEnd(name, c); break;
                        case 1 << 12: ok = ReadIntList(name, 0, 255, out c.AdcChannels); break;
                        case 1 << 13: ok = ReadBool(name, out c.CalibrationMode); break;
                        case 1 << 14: ok = ReadInt(name, 1, MonitorConfig.MaxCells, out cellCount); break;
                        case 1 << 15: ok = ParseCells(c); break;
                        case 1 << 16:
                            ok = ParseChannelObject("current", KeyOffsetMa, true, false);
                            c.CurrentChannel = _ch;
                            c.CurrentGain_Q16 = _gain;
                            c.CurrentOffset_mA = _offset;
                            break;
                        case 1 << 17:
                            ok = ParseChannelObject("pack", KeyOffsetUv, true, false);
                            c.PackVoltageChannel = _ch;
                            c.PackVoltageGain_Q16 = _gain;
                            c.PackVoltageOffset_uV = _offset;
                            break;
                        case 1 << 18: ok = ParseTemperatureKind(name, c); break;
                        case 1 << 19: ok = ParseTemperatures(c); break;
                        case 1 << 20: ok = ParseNtc(c); break;
                        case 1 << 21: ok = ReadPriorKey(name, c); break;
                        case 1 << 22: ok = ParseAveragingMode(name, c); break;
                        default: // 1 << 23, the last key RootBit knows
                            ok = ReadInt(name, 0, DeviceConfiguration.MaxCurrentSpreadLimit_mA, out c.MaxCurrentSpread_mA);
                            break;
                    }
                    if (!ok)
                        return false;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return FailJson("", "expected ',' or '}'");
            }
            if (!_r.AtEnd())
                return FailJson("", "unexpected bytes after the closing '}'");
            if ((seen & (1 << 0)) == 0) return Missing("v");
            if ((seen & (1 << 1)) == 0) return Missing("monitor");
            if ((seen & (1 << 2)) == 0) return Missing("site");
            if ((seen & (1 << 4)) == 0) return Missing("board");
            if ((seen & (1 << 6)) == 0) return Missing("broker");
            if ((seen & (1 << 12)) == 0) return Missing("adcChannels");
            if ((seen & (1 << 15)) == 0) return Missing("cells");
            if ((seen & (1 << 16)) == 0) return Missing("current");
            if (cellCount >= 0 && cellCount != c.CellCount)
                return FailAt(ProvisioningStatus.Inconsistent, "cellCount", 0, "cellCount is " + cellCount.ToString() + " but cells lists " + c.CellCount.ToString() + " entries");
            return true;
        }

        private int RootBit(int ks, int kl)
        {
            if (Ascii.SpanEquals(_b, ks, kl, KeyV)) return 1 << 0;
            if (Ascii.SpanEquals(_b, ks, kl, KeyMonitor)) return 1 << 1;
            if (Ascii.SpanEquals(_b, ks, kl, KeySite)) return 1 << 2;
            if (Ascii.SpanEquals(_b, ks, kl, KeyTopicRoot)) return 1 << 3;
            if (Ascii.SpanEquals(_b, ks, kl, KeyBoard)) return 1 << 4;
            if (Ascii.SpanEquals(_b, ks, kl, KeyTarget)) return 1 << 5;
            if (Ascii.SpanEquals(_b, ks, kl, KeyBroker)) return 1 << 6;
            if (Ascii.SpanEquals(_b, ks, kl, KeySample)) return 1 << 7;
            if (Ascii.SpanEquals(_b, ks, kl, KeyTelemetry)) return 1 << 8;
            if (Ascii.SpanEquals(_b, ks, kl, KeyAveraging)) return 1 << 9;
            if (Ascii.SpanEquals(_b, ks, kl, KeyAdcMax)) return 1 << 10;
            if (Ascii.SpanEquals(_b, ks, kl, KeyFrontEnd)) return 1 << 11;
            if (Ascii.SpanEquals(_b, ks, kl, KeyAdcChannels)) return 1 << 12;
            if (Ascii.SpanEquals(_b, ks, kl, KeyCalibrationMode)) return 1 << 13;
            if (Ascii.SpanEquals(_b, ks, kl, KeyCellCount)) return 1 << 14;
            if (Ascii.SpanEquals(_b, ks, kl, KeyCells)) return 1 << 15;
            if (Ascii.SpanEquals(_b, ks, kl, KeyCurrent)) return 1 << 16;
            if (Ascii.SpanEquals(_b, ks, kl, KeyPack)) return 1 << 17;
            if (Ascii.SpanEquals(_b, ks, kl, KeyTemperatureKind)) return 1 << 18;
            if (Ascii.SpanEquals(_b, ks, kl, KeyTemperatures)) return 1 << 19;
            if (Ascii.SpanEquals(_b, ks, kl, KeyNtc)) return 1 << 20;
            if (Ascii.SpanEquals(_b, ks, kl, KeyPriorKey)) return 1 << 21;
            if (Ascii.SpanEquals(_b, ks, kl, KeyAveragingMode)) return 1 << 22;
            if (Ascii.SpanEquals(_b, ks, kl, KeyMaxCurrentSpread)) return 1 << 23;
            return 0;
        }

        private bool ParseBroker(DeviceConfiguration c)
        {
            if (_r.Peek() != (byte)'{')
                return Fail(ProvisioningStatus.Type, "broker", "must be an object {host, port, tls, user, password}");
            _r.Consume((byte)'{');
            int seen = 0;
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return FailJson("broker", "expected a quoted key and ':'");
                    int bit = 0;
                    if (Ascii.SpanEquals(_b, ks, kl, KeyHost)) bit = 1;
                    else if (Ascii.SpanEquals(_b, ks, kl, KeyPort)) bit = 2;
                    else if (Ascii.SpanEquals(_b, ks, kl, KeyTls)) bit = 4;
                    else if (Ascii.SpanEquals(_b, ks, kl, KeyUser)) bit = 8;
                    else if (Ascii.SpanEquals(_b, ks, kl, KeyPassword)) bit = 16;
                    if (bit == 0)
                    {
                        if (!_r.SkipValue(MaxDepth - 2))
                            return FailJson("broker." + Text(ks, kl), "malformed value");
                        continue;
                    }
                    string name = "broker." + Text(ks, kl);
                    if ((seen & bit) != 0)
                        return Fail(ProvisioningStatus.Duplicate, name, "key appears twice");
                    seen |= bit;
                    bool ok;
                    if (bit == 1) ok = ReadText(name, TextHost, DeviceConfiguration.MaxHostLength, out c.BrokerHost);
                    else if (bit == 2) ok = ReadInt(name, 1, 65535, out c.BrokerPort);
                    else if (bit == 4) ok = ReadBool(name, out c.BrokerTls);
                    else if (bit == 8) ok = ReadText(name, TextSecret, DeviceConfiguration.MaxCredentialLength, out c.BrokerUser);
                    else ok = ReadText(name, TextSecret, DeviceConfiguration.MaxCredentialLength, out c.BrokerPassword);
                    if (!ok)
                        return false;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return FailJson("broker", "expected ',' or '}'");
            }
            if ((seen & 1) == 0)
                return Missing("broker.host");
            return true;
        }

        private bool ParseFrontEnd(string name, DeviceConfiguration c)
        {
            int s, l;
            if (!ReadRawString(name, out s, out l))
                return false;
            if (Ascii.SpanEquals(_b, s, l, ValueDirect)) c.FrontEnd = VoltageFrontEnd.DirectPerCell;
            else if (Ascii.SpanEquals(_b, s, l, ValueStacked)) c.FrontEnd = VoltageFrontEnd.StackedTaps;
            else return FailAt(ProvisioningStatus.Range, name, s, "must be \"direct\" or \"stacked\"");
            return true;
        }

        private bool ParseAveragingMode(string name, DeviceConfiguration c)
        {
            int s, l;
            if (!ReadRawString(name, out s, out l))
                return false;
            if (Ascii.SpanEquals(_b, s, l, ValueTrim)) c.Averaging = ConversionAveraging.TrimExtremes;
            else if (Ascii.SpanEquals(_b, s, l, ValueMean)) c.Averaging = ConversionAveraging.Mean;
            else return FailAt(ProvisioningStatus.Range, name, s, "must be \"trim\" (drop the lowest and highest conversion) or \"mean\"");
            return true;
        }

        private bool ParseTemperatureKind(string name, DeviceConfiguration c)
        {
            int s, l;
            if (!ReadRawString(name, out s, out l))
                return false;
            if (Ascii.SpanEquals(_b, s, l, ValueNtc)) c.TemperatureKind = TemperatureSensorKind.NtcTable;
            else if (Ascii.SpanEquals(_b, s, l, ValueLinear)) c.TemperatureKind = TemperatureSensorKind.Linear;
            else return FailAt(ProvisioningStatus.Range, name, s, "must be \"ntc\" or \"linear\"");
            return true;
        }

        private bool ParseCells(DeviceConfiguration c)
        {
            if (_r.Peek() != (byte)'[')
                return Fail(ProvisioningStatus.Type, "cells", "must be an array of {ch, gain_Q16, offset_uV}");
            _r.Consume((byte)'[');
            int[] ch = new int[MonitorConfig.MaxCells];
            int[] gain = new int[MonitorConfig.MaxCells];
            int[] offset = new int[MonitorConfig.MaxCells];
            int n = 0;
            if (!_r.Consume((byte)']'))
            {
                do
                {
                    if (n == MonitorConfig.MaxCells)
                        return Fail(ProvisioningStatus.Range, "cells", "at most " + MonitorConfig.MaxCells.ToString() + " cells");
                    if (!ParseChannelObject("cells[" + n.ToString() + "]", KeyOffsetUv, true, false))
                        return false;
                    ch[n] = _ch;
                    gain[n] = _gain;
                    offset[n] = _offset;
                    n++;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)']'))
                    return FailJson("cells", "expected ',' or ']'");
            }
            if (n == 0)
                return Fail(ProvisioningStatus.Range, "cells", "at least one cell is required");
            c.CellCount = n;
            c.CellChannels = Trim(ch, n);
            c.CellGain_Q16 = Trim(gain, n);
            c.CellOffset_uV = Trim(offset, n);
            return true;
        }

        private bool ParseTemperatures(DeviceConfiguration c)
        {
            if (_r.Peek() != (byte)'[')
                return Fail(ProvisioningStatus.Type, "temperatures", "must be an array of {ch, cell[, gain_Q16, offset_dC]}");
            _r.Consume((byte)'[');
            int max = MonitorConfig.MaxCells;
            int[] ch = new int[max];
            int[] cell = new int[max];
            int[] gain = new int[max];
            int[] offset = new int[max];
            int n = 0;
            if (!_r.Consume((byte)']'))
            {
                do
                {
                    if (n == max)
                        return Fail(ProvisioningStatus.Range, "temperatures", "at most " + max.ToString() + " sensors");
                    if (!ParseChannelObject("temperatures[" + n.ToString() + "]", KeyOffsetDc, false, true))
                        return false;
                    ch[n] = _ch;
                    cell[n] = _cell;
                    gain[n] = _gain;
                    offset[n] = _offset;
                    n++;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)']'))
                    return FailJson("temperatures", "expected ',' or ']'");
            }
            c.TemperatureCount = n;
            c.TemperatureChannels = Trim(ch, n);
            c.TemperatureCells = Trim(cell, n);
            c.TemperatureGain_Q16 = Trim(gain, n);
            c.TemperatureOffset_dC = Trim(offset, n);
            return true;
        }

        private bool ParseNtc(DeviceConfiguration c)
        {
            if (_r.Peek() != (byte)'{')
                return Fail(ProvisioningStatus.Type, "ntc", "must be an object {counts, dC}");
            _r.Consume((byte)'{');
            int seen = 0;
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return FailJson("ntc", "expected a quoted key and ':'");
                    bool counts = Ascii.SpanEquals(_b, ks, kl, KeyCounts);
                    bool temps = Ascii.SpanEquals(_b, ks, kl, KeyDc);
                    if (!counts && !temps)
                    {
                        if (!_r.SkipValue(MaxDepth - 2))
                            return FailJson("ntc." + Text(ks, kl), "malformed value");
                        continue;
                    }
                    int bit = counts ? 1 : 2;
                    string name = counts ? "ntc.counts" : "ntc.dC";
                    if ((seen & bit) != 0)
                        return Fail(ProvisioningStatus.Duplicate, name, "key appears twice");
                    seen |= bit;
                    bool ok = counts
                        ? ReadIntList(name, 0, 1 << 24, out c.NtcTable_counts)
                        : ReadIntList(name, -2730, 5000, out c.NtcTable_dC);
                    if (!ok)
                        return false;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return FailJson("ntc", "expected ',' or '}'");
            }
            if (seen != 3)
                return Missing((seen & 1) == 0 ? "ntc.counts" : "ntc.dC");
            return true;
        }

        /// <summary>Reads {ch, gain_Q16, offset_*[, cell]} into the scratch fields.</summary>
        private bool ParseChannelObject(string path, byte[] offsetKey, bool gainRequired, bool cellAllowed)
        {
            _ch = -1;
            _gain = 0;
            _offset = 0;
            _cell = 0;
            _objectSeen = 0;
            if (_r.Peek() != (byte)'{')
                return Fail(ProvisioningStatus.Type, path, "must be an object with \"ch\"");
            _r.Consume((byte)'{');
            if (!_r.Consume((byte)'}'))
            {
                do
                {
                    int ks, kl;
                    if (!_r.ReadString(out ks, out kl) || !_r.Consume((byte)':'))
                        return FailJson(path, "expected a quoted key and ':'");
                    int bit = 0;
                    if (Ascii.SpanEquals(_b, ks, kl, KeyCh)) bit = 1;
                    else if (Ascii.SpanEquals(_b, ks, kl, KeyGain)) bit = 2;
                    else if (Ascii.SpanEquals(_b, ks, kl, offsetKey)) bit = 4;
                    else if (cellAllowed && Ascii.SpanEquals(_b, ks, kl, KeyCell)) bit = 8;
                    if (bit == 0)
                    {
                        if (!_r.SkipValue(1))
                            return FailJson(path + "." + Text(ks, kl), "malformed value");
                        continue;
                    }
                    string name = path + "." + Text(ks, kl);
                    if ((_objectSeen & bit) != 0)
                        return Fail(ProvisioningStatus.Duplicate, name, "key appears twice");
                    _objectSeen |= bit;
                    bool ok;
                    if (bit == 1) ok = ReadInt(name, 0, 255, out _ch);
                    else if (bit == 2)
                    {
                        ok = ReadInt(name, int.MinValue, int.MaxValue, out _gain);
                        if (ok && _gain == 0)
                            return Fail(ProvisioningStatus.Range, name, "gain must not be 0");
                    }
                    else if (bit == 4) ok = ReadInt(name, int.MinValue, int.MaxValue, out _offset);
                    else ok = ReadInt(name, 0, MonitorConfig.MaxCells - 1, out _cell);
                    if (!ok)
                        return false;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)'}'))
                    return FailJson(path, "expected ',' or '}'");
            }
            if ((_objectSeen & 1) == 0) return Missing(path + ".ch");
            if (gainRequired && (_objectSeen & 2) == 0) return Missing(path + ".gain_Q16");
            if (cellAllowed && (_objectSeen & 8) == 0) return Missing(path + ".cell");
            return true;
        }

        private bool CheckConsistency(DeviceConfiguration c)
        {
            if (c.AdcChannels.Length == 0)
                return FailAt(ProvisioningStatus.Range, "adcChannels", 0, "no usable ADC channel listed");
            // Every signal needs its own allowed channel.
            int signals = c.CellCount + 1 + (c.PackVoltageChannel >= 0 ? 1 : 0) + c.TemperatureCount;
            int[] used = new int[signals];
            int k = 0;
            for (int i = 0; i < c.CellCount; i++)
            {
                if (!CheckChannel(c, used, k++, c.CellChannels[i], "cells[" + i.ToString() + "].ch"))
                    return false;
            }
            if (!CheckChannel(c, used, k++, c.CurrentChannel, "current.ch"))
                return false;
            if (c.PackVoltageChannel >= 0 && !CheckChannel(c, used, k++, c.PackVoltageChannel, "pack.ch"))
                return false;
            for (int s = 0; s < c.TemperatureCount; s++)
            {
                if (!CheckChannel(c, used, k++, c.TemperatureChannels[s], "temperatures[" + s.ToString() + "].ch"))
                    return false;
                if (c.TemperatureCells[s] >= c.CellCount)
                    return FailAt(ProvisioningStatus.Inconsistent, "temperatures[" + s.ToString() + "].cell", 0, "cell " + c.TemperatureCells[s].ToString() + " does not exist (0-based, " + c.CellCount.ToString() + " cells)");
                if (c.TemperatureKind == TemperatureSensorKind.Linear && c.TemperatureGain_Q16[s] == 0)
                    return FailAt(ProvisioningStatus.Missing, "temperatures[" + s.ToString() + "].gain_Q16", 0, "linear sensors need a gain");
            }
            if ((c.NtcTable_counts == null) != (c.NtcTable_dC == null))
                return FailAt(ProvisioningStatus.Inconsistent, "ntc", 0, "counts and dC must both be given");
            string problem = c.ToMonitorConfig().Validate();
            if (problem != null)
                return FailAt(ProvisioningStatus.Inconsistent, string.Empty, 0, "monitor configuration: " + problem);
            return true;
        }

        private bool CheckChannel(DeviceConfiguration c, int[] used, int index, int channel, string field)
        {
            if (!c.IsChannelAllowed(channel))
                return FailAt(ProvisioningStatus.Inconsistent, field, 0, "ADC channel " + channel.ToString() + " is not in adcChannels (the board's usable channels)");
            for (int i = 0; i < index; i++)
            {
                if (used[i] == channel)
                    return FailAt(ProvisioningStatus.Duplicate, field, 0, "ADC channel " + channel.ToString() + " is already used by another signal");
            }
            used[index] = channel;
            return true;
        }

        // ---- value readers ----

        private bool ReadInt(string field, long min, long max, out int value)
        {
            value = 0;
            _r.Peek(); // skip blanks so the reported offset is the value's first byte
            int at = _r.Position;
            long v;
            DecodeStatus s = _r.ReadInteger(out v);
            if (s == DecodeStatus.Type)
                return FailAt(ProvisioningStatus.Type, field, at, "must be an integer (no fractions, no quotes)");
            if (s == DecodeStatus.Range)
                return FailAt(ProvisioningStatus.Range, field, at, "number has too many digits");
            if (s != DecodeStatus.Accepted)
                return FailAt(ProvisioningStatus.Json, field, at, "expected a number");
            if (v < min || v > max)
                return FailAt(ProvisioningStatus.Range, field, at, "must be " + min.ToString() + ".." + max.ToString() + ", got " + v.ToString());
            value = (int)v;
            return true;
        }

        private bool ReadBool(string field, out bool value)
        {
            value = false;
            byte c = _r.Peek();
            int at = _r.Position;
            if (c != (byte)'t' && c != (byte)'f')
                return FailAt(ProvisioningStatus.Type, field, at, "must be true or false");
            if (!_r.SkipValue(0))
                return FailAt(ProvisioningStatus.Json, field, at, "must be true or false");
            value = c == (byte)'t';
            return true;
        }

        private bool ReadIntList(string field, long min, long max, out int[] values)
        {
            values = null;
            if (_r.Peek() != (byte)'[')
                return Fail(ProvisioningStatus.Type, field, "must be an array of integers");
            _r.Consume((byte)'[');
            int[] tmp = new int[DeviceConfiguration.MaxListEntries];
            int n = 0;
            if (!_r.Consume((byte)']'))
            {
                do
                {
                    if (n == tmp.Length)
                        return Fail(ProvisioningStatus.Range, field, "at most " + tmp.Length.ToString() + " entries");
                    int v;
                    if (!ReadInt(field + "[" + n.ToString() + "]", min, max, out v))
                        return false;
                    tmp[n++] = v;
                }
                while (_r.Consume((byte)','));
                if (!_r.Consume((byte)']'))
                    return FailJson(field, "expected ',' or ']'");
            }
            values = Trim(tmp, n);
            return true;
        }

        private bool ReadRawString(string field, out int start, out int length)
        {
            start = 0;
            length = 0;
            byte c = _r.Peek();
            int at = _r.Position;
            if (c != (byte)'"')
                return FailAt(c == 0 ? ProvisioningStatus.Json : ProvisioningStatus.Type, field, at, "must be a string");
            if (!_r.ReadString(out start, out length))
                return FailAt(ProvisioningStatus.Json, field, at, "unterminated string, or an escape/control character (not supported)");
            return true;
        }

        private bool ReadText(string field, int kind, int maxLength, out string value)
        {
            value = null;
            int s, l;
            if (!ReadRawString(field, out s, out l))
                return false;
            if (l > maxLength)
                return FailAt(ProvisioningStatus.Range, field, s, "longer than " + maxLength.ToString() + " characters");
            if (l == 0 && (kind == TextId || kind == TextHost || kind == TextTopic))
                return FailAt(ProvisioningStatus.Range, field, s, "must not be empty");
            for (int i = 0; i < l; i++)
            {
                byte b = _b[s + i];
                bool ok;
                bool idChar = (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9')
                    || b == (byte)'_' || b == (byte)'-' || b == (byte)'.';
                if (kind == TextId) ok = idChar;
                else if (kind == TextHost) ok = idChar || b == (byte)':';
                else if (kind == TextTopic) ok = idChar || b == (byte)'/';
                else ok = b >= 0x20 && b < 0x7F;
                if (!ok)
                    return FailAt(ProvisioningStatus.Range, field, s + i, "character '" + ((char)b).ToString() + "' is not allowed here" + KindHint(kind));
            }
            value = Text(s, l);
            return true;
        }

        // The per-monitor key for signed priors/configs: hex, 16..64 bytes (cellvar provision writes 32 random bytes).
        private bool ReadPriorKey(string field, DeviceConfiguration c)
        {
            int s, l;
            if (!ReadRawString(field, out s, out l))
                return false;
            if (l < 2 * DeviceConfiguration.MinPriorKeyBytes || l > 2 * DeviceConfiguration.MaxPriorKeyBytes || (l & 1) != 0)
                return FailAt(ProvisioningStatus.Range, field, s, "must be an even number of hex digits, 32..128 (cellvar provision writes 64)");
            byte[] key = new byte[l / 2];
            for (int i = 0; i < l; i++)
            {
                int d = HexDigit(_b[s + i]);
                if (d < 0)
                    return FailAt(ProvisioningStatus.Range, field, s + i, "character '" + ((char)_b[s + i]).ToString() + "' is not a hex digit");
                key[i >> 1] = (byte)((key[i >> 1] << 4) | d);
            }
            c.PriorKey = key;
            return true;
        }

        private static int HexDigit(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }

        private static string KindHint(int kind)
        {
            if (kind == TextId) return " (use A-Z a-z 0-9 _ . -)";
            if (kind == TextHost) return " (host name or IPv4 address)";
            if (kind == TextTopic) return " (use A-Z a-z 0-9 _ . - /)";
            return " (printable ASCII only)";
        }

        private string Text(int start, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)_b[start + i];
            return new string(chars);
        }

        private static int[] Trim(int[] values, int n)
        {
            int[] r = new int[n];
            for (int i = 0; i < n; i++)
                r[i] = values[i];
            return r;
        }

        // ---- failures ----

        private bool Fail(ProvisioningStatus status, string field, string message)
        {
            _err.Fail(status, field, _r.Position, message);
            return false;
        }

        private bool FailAt(ProvisioningStatus status, string field, int offset, string message)
        {
            _err.Fail(status, field, offset, message);
            return false;
        }

        private bool FailJson(string field, string message)
        {
            _err.Fail(ProvisioningStatus.Json, field, _r.Position, message);
            return false;
        }

        private bool Missing(string field)
        {
            _err.Fail(ProvisioningStatus.Missing, field, 0, "required field is missing");
            return false;
        }
    }
}
