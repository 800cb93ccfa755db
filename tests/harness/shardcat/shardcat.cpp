// auger-shardcat: a test tool over runtime/io, for the interop tests against the webdataset library.
//   auger-shardcat write OUT.tar NAME=FILE…   a shard through TarWriter, members in the order given
//   auger-shardcat list SPEC                  one JSON line per sample of open_source(SPEC):
//                                             {"key", "origin", "blobs": {name: {"sha256", "size"}}, "fields"}
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "runtime/io/source.h"
#include "runtime/io/tar_writer.h"

namespace {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("sha256 failed");
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

int write_shard(int argc, char** argv) {
  auger::rt::io::TarWriter writer(argv[2]);
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "auger-shardcat: expected NAME=FILE, got " << arg << "\n";
      return 2;
    }
    std::ifstream in(arg.substr(eq + 1), std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + arg.substr(eq + 1));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    writer.add(arg.substr(0, eq), bytes.str());
  }
  writer.close();
  return 0;
}

int list_source(const std::string& spec) {
  const auto source = auger::rt::io::open_source(spec);
  std::cerr << source->describe() << "\n";
  for (std::size_t i = 0; i < source->size(); ++i) {
    const auto sample = source->read(i);
    nlohmann::json line = {{"key", sample.key}, {"origin", sample.origin}, {"fields", sample.fields}};
    line["blobs"] = nlohmann::json::object();
    for (const auto& [name, bytes] : sample.blobs)
      line["blobs"][name] = {{"sha256", sha256_hex(bytes)}, {"size", bytes.size()}};
    std::cout << line.dump() << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (!((command == "write" && argc >= 3) || (command == "list" && argc == 3))) {
    std::cerr << "usage: auger-shardcat write OUT.tar NAME=FILE...\n       auger-shardcat list SPEC\n";
    return 2;
  }
  try {
    return command == "write" ? write_shard(argc, argv) : list_source(argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "auger-shardcat: " << e.what() << "\n";
    return 3;
  }
}
