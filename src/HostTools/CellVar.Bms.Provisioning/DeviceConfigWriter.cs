using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CellVar.Bms.Provisioning
{
    /// <summary>
    /// Writes the device configuration as indented JSON that needs no string escapes (the device reader refuses them;
    /// callers validate text first). One signal per line keeps diffs after <c>cellvar calibrate</c> readable.
    /// </summary>
    public sealed class DeviceConfigWriter
    {
        private readonly MemoryStream _stream = new();
        private readonly Utf8JsonWriter _w;

        /// <summary>Creates the writer.</summary>
        public DeviceConfigWriter()
        {
            _w = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        /// <summary>Starts the root object.</summary>
        public void Begin() => _w.WriteStartObject();
        /// <summary>Writes an integer property.</summary>
        public void Int(string name, long value) => _w.WriteNumber(name, value);
        /// <summary>Writes a string property.</summary>
        public void Str(string name, string value) => _w.WriteString(name, value);
        /// <summary>Writes a boolean property.</summary>
        public void Bool(string name, bool value) => _w.WriteBoolean(name, value);
        /// <summary>Starts a nested object property.</summary>
        public void BeginObject(string name) => _w.WriteStartObject(name);
        /// <summary>Starts an object inside an array.</summary>
        public void BeginElement() => _w.WriteStartObject();
        /// <summary>Ends the current object.</summary>
        public void EndObject() => _w.WriteEndObject();
        /// <summary>Starts an array property.</summary>
        public void BeginArray(string name) => _w.WriteStartArray(name);
        /// <summary>Ends the current array.</summary>
        public void EndArray() => _w.WriteEndArray();

        /// <summary>Writes an array of integers.</summary>
        public void IntArray(string name, IEnumerable<int> values)
        {
            _w.WriteStartArray(name);
            foreach (int v in values)
                _w.WriteNumberValue(v);
            _w.WriteEndArray();
        }

        /// <summary>Closes the root object and returns the text.</summary>
        public string End()
        {
            _w.WriteEndObject();
            _w.Flush();
            return Encoding.UTF8.GetString(_stream.ToArray()) + "\n";
        }
    }
}
