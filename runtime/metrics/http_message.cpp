#include "runtime/metrics/http_message.h"

#include <fmt/format.h>

namespace auger::rt::metrics {

namespace {

std::string_view reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

// The end of the head: the first empty line, after "\r\n\r\n" or "\n\n"; npos while it has not arrived.
std::size_t head_end(std::string_view s) {
  const std::size_t crlf = s.find("\r\n\r\n"), lf = s.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  return crlf < lf ? crlf + 4 : lf + 2;
}

bool is_token_char(char c) {
  return c > ' ' && c < 0x7f;
}

}  // namespace

HeadStatus parse_request_head(std::string_view received, RequestHead& out) {
  const std::size_t end = head_end(received.substr(0, kMaxRequestHead));
  if (end == std::string_view::npos)
    return received.size() >= kMaxRequestHead ? HeadStatus::TooLarge : HeadStatus::Incomplete;
  std::string_view line = received.substr(0, received.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return HeadStatus::Bad;
  const std::string_view method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1),
                         version = line.substr(sp2 + 1);
  if (method.empty() || target.empty() || target.front() != '/' || version.substr(0, 7) != "HTTP/1.")
    return HeadStatus::Bad;
  for (char c : method)
    if (!is_token_char(c)) return HeadStatus::Bad;
  for (char c : target)
    if (!is_token_char(c)) return HeadStatus::Bad;
  out.method = std::string(method);
  out.path = std::string(target.substr(0, target.find('?')));
  return HeadStatus::Complete;
}

std::string http_response(int status, std::string_view content_type, std::string_view body) {
  std::string out = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                status, reason(status), content_type, body.size());
  out.append(body);
  return out;
}

}  // namespace auger::rt::metrics
