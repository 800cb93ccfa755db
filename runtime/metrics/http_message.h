// The little of HTTP/1.x the metrics server speaks: the head of a GET request, and a whole response that closes
// the connection. Kept apart from the sockets so the parsing can be tested on strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace auger::rt::metrics {

// A request head larger than this is refused (431) rather than buffered: a client cannot make the server hold more.
inline constexpr std::size_t kMaxRequestHead = 8192;

enum class HeadStatus { Incomplete, Complete, Bad, TooLarge };

struct RequestHead {
  std::string method;  // "GET"
  std::string path;    // the target without its query: "/metrics"
};

// Looks for a whole head ("METHOD TARGET HTTP/1.x\r\n ... \r\n\r\n", bare "\n" line ends accepted) at the start of
// `received`. Incomplete until the blank line arrives; TooLarge past kMaxRequestHead; Bad for a malformed request
// line. The headers themselves are not needed, so they are not parsed.
HeadStatus parse_request_head(std::string_view received, RequestHead& out);

// "HTTP/1.1 <status> <reason>" with Content-Type, Content-Length, "Connection: close" and `body`.
std::string http_response(int status, std::string_view content_type, std::string_view body);

}  // namespace auger::rt::metrics
