"""`--help` says what a command takes: run's -i names .txt input, --format folder names every member kind it
writes, and bench says audio and text policies are refused."""
import subprocess


def help_of(auger_bin, command):
    r = subprocess.run([auger_bin, command, "--help"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return " ".join(r.stdout.split())


def test_run_help_names_txt_input_and_every_folder_member(auger_bin):
    text = help_of(auger_bin, "run")
    option = text[text.index("-i,--input"):text.index("-o,--output")]
    assert ".txt file" in option
    fmt = text[text.index("--format"):text.index("--copies")]
    for ext in (".png", ".npy", ".flac", ".txt", ".json", ".cls"):
        assert "KEY" + ext in fmt, ext


def test_bench_help_says_audio_and_text_are_refused(auger_bin):
    assert "audio and text policies are refused" in help_of(auger_bin, "bench")
