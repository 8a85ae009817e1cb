// An ASP.NET Core minimal API serving one ONNX model through OnnxKit's InferenceEngine.
// Run: dotnet run --project samples/OnnxKit.Sample.Service -- --OnnxKit:ModelPath=path/to/model.onnx
await OnnxKit.Sample.Service.SampleApp.Build(args).RunAsync();
