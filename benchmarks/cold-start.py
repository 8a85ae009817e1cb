#!/usr/bin/env python3
"""Cold start of the published tool on a small model (LeNet-5), against `import onnx; onnx.load(...)`.

    /usr/bin/python3 benchmarks/cold-start.py [--runs N] [--cli DIR]

Publishes the tool for this platform with its native front end (`dotnet publish src/Cli -r RID
-p:NativeFrontEnd=true`, which needs clang or gcc) unless --cli names a folder already published that
way, exports LeNet-5 with it, then starts each command N times (default 15) as fresh processes, the
commands taken in turn within each round so that the machine's load falls on all of them alike.
Reports, per command, the best and the median wall time (monotonic clock around the process) and CPU
time (user + system of the process, from wait4), and each one's ratio to onnx.load in the same run.
`onnxkit` is the native front end; `onnxkit-full` is the JIT-compiled (ReadyToRun) tool it hands
other commands to, i.e. the tool as published without the front end; `onnxkit summary` shows what
handing a command on costs. The baseline needs this
interpreter to have onnx (Debian's python3-onnx); without it the ratios are left out.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rid():
    machine = platform.machine().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(machine, machine)
    system = {"linux": "linux", "darwin": "osx", "windows": "win"}[platform.system().lower()]
    return f"{system}-{arch}"


def once(argv):
    """Wall and CPU seconds of one run of argv (its output dropped)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cli", help="a folder already published with -p:NativeFrontEnd=true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="onnxkit-cold-start-")
    try:
        cli = args.cli
        if cli is None:
            cli = os.path.join(work, "cli")
            print(f"publishing the tool for {rid()} with its native front end...", file=sys.stderr)
            subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "Cli"), "-c", "Release", "-r", rid(),
                            "--self-contained", "false", "-p:NativeFrontEnd=true", "-o", cli, "-v", "quiet", "-nologo"],
                           check=True, stdout=subprocess.DEVNULL)
        front, full = os.path.join(cli, "onnxkit"), os.path.join(cli, "onnxkit-full")
        model = os.path.join(work, "lenet5.onnx")
        subprocess.run([full, "export", "lenet5", "-o", model], check=True, stdout=subprocess.DEVNULL)

        commands = {}
        for name, tool in (("onnxkit", front), ("onnxkit-full", full)):
            commands[f"{name} --version"] = [tool, "--version"]
            commands[f"{name} inspect"] = [tool, "inspect", model]
            commands[f"{name} check"] = [tool, "check", model]
            commands[f"{name} summary"] = [tool, "summary", model]  # the front end hands it on: its cost
        try:
            subprocess.run([sys.executable, "-c", "import onnx"], check=True, capture_output=True)
            baseline = "python onnx.load (baseline)"
            commands[baseline] = [sys.executable, "-c", "import onnx, sys; onnx.load(sys.argv[1])", model]
        except subprocess.CalledProcessError:
            baseline = None
            print(f"note: {sys.executable} has no onnx module; the onnx.load baseline is left out", file=sys.stderr)

        for argv in commands.values():
            once(argv)  # warm the file cache: every figure below is a cold process, not a cold disk
        times = {name: [] for name in commands}
        load_before = os.getloadavg()[0]
        for _ in range(args.runs):
            for name, argv in commands.items():
                times[name].append(once(argv))
        load_after = os.getloadavg()[0]

        def stats(name):
            walls, cpus = [w for w, _ in times[name]], [c for _, c in times[name]]
            return min(walls), statistics.median(walls), min(cpus), statistics.median(cpus)

        print(f"cold start, {args.runs} fresh processes each, LeNet-5; load average {load_before:.1f} before, {load_after:.1f} after "
              f"({os.cpu_count()} CPUs)")
        print(f"{'':30} {'wall best':>10} {'median':>8} {'CPU best':>9} {'median':>8}   vs onnx.load: wall best, median; CPU median")
        base = stats(baseline) if baseline else None
        for name in commands:
            s = stats(name)
            line = f"{name:30} {s[0]:10.3f} {s[1]:8.3f} {s[2]:9.3f} {s[3]:8.3f}"
            if base and name != baseline:
                line += f"   {s[0] / base[0]:.2f}x, {s[1] / base[1]:.2f}x; {s[3] / base[3]:.2f}x"
            print(line)
        sizes = {name: os.path.getsize(os.path.join(cli, name)) for name in ("onnxkit", "onnxkit-full")}
        total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(cli) for f in fs)
        print(f"published folder {total / 2**20:.1f} MiB, of which the native front end {sizes['onnxkit'] / 2**20:.1f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
