// Per-call cost of ONNX Runtime's C API, the baseline for OnnxKit's managed SessionBinding.
// Same protocol as benchmarks/OnnxKit.Runtime.Benchmarks/PerCallTiming.cs: one intra-op
// thread, the input and output bound once through IOBinding over preallocated buffers,
// 1000 warmup calls, then ROUNDS rounds of N calls; prints the best and median round's mean.
//
// Build: g++ -O2 -std=c++17 -I<ort>/build/native/include ort_per_call.cpp -L<ort>/runtimes/linux-x64/native -lonnxruntime
// Usage: ort_per_call MODEL N ROUNDS   (model: one float input, one float output, static shapes)
#include <onnxruntime_c_api.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

static const OrtApi* api;

static void check(OrtStatus* status) {
  if (status != nullptr) {
    std::fprintf(stderr, "onnxruntime error: %s\n", api->GetErrorMessage(status));
    api->ReleaseStatus(status);
    std::exit(1);
  }
}

// Shape of the first input or output, from the session's metadata.
static std::vector<int64_t> shape_of(OrtSession* session, bool input) {
  OrtTypeInfo* type_info;
  check(input ? api->SessionGetInputTypeInfo(session, 0, &type_info) : api->SessionGetOutputTypeInfo(session, 0, &type_info));
  const OrtTensorTypeAndShapeInfo* tensor_info;
  check(api->CastTypeInfoToTensorInfo(type_info, &tensor_info));
  size_t rank;
  check(api->GetDimensionsCount(tensor_info, &rank));
  std::vector<int64_t> dims(rank);
  check(api->GetDimensions(tensor_info, dims.data(), rank));
  api->ReleaseTypeInfo(type_info);
  return dims;
}

static size_t count_of(const std::vector<int64_t>& dims) {
  size_t n = 1;
  for (int64_t d : dims) n *= static_cast<size_t>(d);
  return n;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s MODEL N ROUNDS\n", argv[0]);
    return 2;
  }
  const long calls = std::atol(argv[2]);
  const int rounds = std::atoi(argv[3]);
  api = OrtGetApiBase()->GetApi(ORT_API_VERSION);

  OrtEnv* env;
  check(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "ort_per_call", &env));
  OrtSessionOptions* options;
  check(api->CreateSessionOptions(&options));
  check(api->SetIntraOpNumThreads(options, 1));
  check(api->SetInterOpNumThreads(options, 1));
  OrtSession* session;
  check(api->CreateSession(env, argv[1], options, &session));

  OrtAllocator* allocator;
  check(api->GetAllocatorWithDefaultOptions(&allocator));
  char* input_name;
  char* output_name;
  check(api->SessionGetInputName(session, 0, allocator, &input_name));
  check(api->SessionGetOutputName(session, 0, allocator, &output_name));

  std::vector<int64_t> in_dims = shape_of(session, true), out_dims = shape_of(session, false);
  std::vector<float> in_data(count_of(in_dims), 1.0f), out_data(count_of(out_dims));
  OrtMemoryInfo* cpu;
  check(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &cpu));
  OrtValue* in_value = nullptr;
  OrtValue* out_value = nullptr;
  check(api->CreateTensorWithDataAsOrtValue(cpu, in_data.data(), in_data.size() * sizeof(float), in_dims.data(), in_dims.size(),
                                            ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &in_value));
  check(api->CreateTensorWithDataAsOrtValue(cpu, out_data.data(), out_data.size() * sizeof(float), out_dims.data(), out_dims.size(),
                                            ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &out_value));
  OrtIoBinding* binding;
  check(api->CreateIoBinding(session, &binding));
  check(api->BindInput(binding, input_name, in_value));
  check(api->BindOutput(binding, output_name, out_value));
  OrtRunOptions* run_options;
  check(api->CreateRunOptions(&run_options));

  for (int i = 0; i < 1000; i++) check(api->RunWithBinding(session, run_options, binding));
  std::vector<double> per_call(rounds);
  for (int r = 0; r < rounds; r++) {
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < calls; i++) check(api->RunWithBinding(session, run_options, binding));
    auto elapsed = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    per_call[r] = elapsed / calls;
  }
  std::sort(per_call.begin(), per_call.end());
  std::printf("native best_ns_per_call=%.1f median_ns_per_call=%.1f output0=%g\n", per_call[0], per_call[rounds / 2], out_data[0]);

  api->ReleaseRunOptions(run_options);
  api->ReleaseIoBinding(binding);
  api->ReleaseValue(in_value);
  api->ReleaseValue(out_value);
  api->ReleaseMemoryInfo(cpu);
  check(api->AllocatorFree(allocator, input_name));
  check(api->AllocatorFree(allocator, output_name));
  api->ReleaseSession(session);
  api->ReleaseSessionOptions(options);
  api->ReleaseEnv(env);
  return 0;
}
