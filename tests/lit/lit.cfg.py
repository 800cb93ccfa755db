# lit configuration: every .aug / .test / .ir file under tests/lit is a test; files under Inputs/ are not.
import os
import shutil

import lit.formats

config.name = "auger"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".aug", ".test", ".ir"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

auger = lit_config.params.get("auger") or os.environ.get("AUGER_BIN")
if not auger:
    lit_config.fatal("pass the auger binary: lit -Dauger=/path/to/auger tests/lit")
build = lit_config.params.get("build_dir", os.path.dirname(os.path.dirname(os.path.abspath(auger))))
config.test_exec_root = os.path.join(build, "tests", "lit")

llvm_bin = "/usr/lib/llvm-14/bin"
config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", os.environ["PATH"])])
config.environment["NO_COLOR"] = "1"
# auger-opt (IR text in, passes, IR text out) for tests/lit/ir and tests/lit/passes; before %auger, which is a
# prefix of its name.
auger_opt = lit_config.params.get("auger_opt") or os.path.join(os.path.dirname(auger), "opt", "auger-opt")
config.substitutions.append(("%auger_opt", auger_opt))
config.substitutions.append(("%auger", auger))
config.substitutions.append(("%source_root", os.path.dirname(os.path.dirname(config.test_source_root))))
config.substitutions.append(("%python", "/usr/bin/python3"))
if not shutil.which("FileCheck", path=config.environment["PATH"]):
    lit_config.fatal("FileCheck not found (install llvm-14-tools)")
