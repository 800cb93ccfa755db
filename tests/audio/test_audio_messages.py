"""What a sample without usable audio is told (QA): a missing audio field is named as required and missing, a
manifest naming an .mp3 says the format is unsupported, a directory named like a recording is not a regular file."""
import shutil
import subprocess

from conftest import SCHEMA

POLICY = "policy mel on Utt deterministic { speed(factor: 1.1) melspec() }"


def test_a_bare_text_line_has_no_audio(apply, tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("hello there\n")
    _, r = apply(POLICY, [lines], "mel", check=False)
    assert "lines.txt:1: field `audio` is required and missing (`speed`" in r.stderr, r.stderr


def test_a_directory_named_like_a_recording(apply, tmp_path):
    d = tmp_path / "dir.wav"
    d.mkdir()
    _, r = apply(POLICY, [d], "mel", check=False)
    assert r.returncode == 3 and "dir.wav: is a directory, not a regular file" in r.stderr, r.stderr


def test_an_mp3_in_a_manifest(auger_bin, speech, tmp_path):
    shutil.copy(speech["fox"], tmp_path / "fox.wav")
    shutil.copy(speech["fox"], tmp_path / "song.mp3")
    aug = tmp_path / "p.aug"
    aug.write_text(SCHEMA + POLICY)
    (tmp_path / "m.jsonl").write_text('{"key": "a", "audio": "song.mp3"}\n{"key": "b", "audio": "fox.wav"}\n'
                                      '{"key": "c", "audio": "a note, not a file"}\n')
    r = subprocess.run([auger_bin, "run", str(aug), "-p", "mel", "-i", str(tmp_path / "m.jsonl"), "-o",
                        str(tmp_path / "out"), "--max-errors", "2"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "m.jsonl:1: field `audio`: unsupported audio format .mp3 in `song.mp3`" in r.stderr, r.stderr
    assert "m.jsonl:3: field `audio`: `a note, not a file` is not an audio file" in r.stderr, r.stderr
    assert "1 of 3 samples written" in r.stderr, r.stderr
