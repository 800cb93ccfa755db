#include "runtime/io/jpeg_decode.h"

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <opencv2/core/hal/hal.hpp>
#include <string>
#include <vector>

// jpeglib.h uses FILE and size_t without declaring them, so it comes after <cstdio>.
#include <jerror.h>
#include <jpeglib.h>

namespace auger::rt::io::detail {

namespace {

// libjpeg reports errors through error_exit, which must not return: it longjmps back to `guarded`, which turns
// the error into a DecodeError outside libjpeg's frames (C++ exceptions must not unwind through C code).
struct ErrorManager {
  jpeg_error_mgr pub;  // first member: libjpeg hands &pub to the callbacks
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void on_error(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

// Warnings are never printed. Running out of data is an error: libjpeg would fill the rest of the image with
// grey and go on. The other warnings are corrupt entropy-coded data libjpeg decodes past, as PIL, OpenCV and
// torchvision all accept: the image is decoded, artefacts included.
void on_message(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  if (cinfo->err->msg_code == JWRN_JPEG_EOF) on_error(cinfo);
  ++cinfo->err->num_warnings;
}

void no_output(j_common_ptr) {}

// Runs `body` (libjpeg calls only: its frame is left by longjmp on an error, so it must hold nothing with a
// destructor). False when libjpeg reported an error; the message is in err.message.
template <class Body>
bool guarded(ErrorManager& err, Body&& body) {
  if (setjmp(err.jump)) return false;
  body();
  return true;
}

// PIL's CMYK → RGB for JPEGs: it reads CMYK JPEGs as Adobe's inverted CMYK ("CMYK;I") and converts with
// r = 255 - k' - (c' · (255 - k') / 255, rounded as below), c' = 255 - c and k' = 255 - k with c and k as stored.
std::uint8_t cmyk_to_rgb(int c, int k) {
  const int t = (255 - c) * k + 128;
  return static_cast<std::uint8_t>(k - (((t >> 8) + t) >> 8));
}

// PIL's convert('L'): ITU-R 601-2 luma in 16-bit fixed point.
std::uint8_t luma(int r, int g, int b) {
  return static_cast<std::uint8_t>((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
}

// One decoded row (`components` interleaved: 1 gray, 3 RGB, 4 CMYK) into `channels` planes (1 luma, 3 RGB, 4 RGBA
// with an opaque alpha).
void store_row(const std::uint8_t* row, int components, int channels, int w, std::size_t plane, std::uint8_t* out) {
  if (channels == 4) std::memset(out + 3 * plane, 255, static_cast<std::size_t>(w));
  if (components == 1) {
    std::memcpy(out, row, w);  // only a gray file's own samples are decoded as gray (no colour conversion)
  } else if (components == 3 && channels >= 3) {
    // OpenCV's SIMD deinterleave: a plain loop is scalar here and took a fifth of the decode time.
    std::uint8_t* planes[3] = {out, out + plane, out + 2 * plane};
    cv::hal::split8u(row, planes, w, 3);
  } else if (components == 3) {  // RGB to luma, as PIL converts the RGB it decodes
    for (int x = 0; x < w; ++x, row += 3) out[x] = luma(row[0], row[1], row[2]);
  } else if (channels >= 3) {  // CMYK
    std::uint8_t *r = out, *g = out + plane, *b = out + 2 * plane;
    for (int x = 0; x < w; ++x, row += 4) {
      r[x] = cmyk_to_rgb(row[0], row[3]);
      g[x] = cmyk_to_rgb(row[1], row[3]);
      b[x] = cmyk_to_rgb(row[2], row[3]);
    }
  } else {  // CMYK to luma
    for (int x = 0; x < w; ++x, row += 4)
      out[x] = luma(cmyk_to_rgb(row[0], row[3]), cmyk_to_rgb(row[1], row[3]), cmyk_to_rgb(row[2], row[3]));
  }
}

}  // namespace

struct JpegDecoder::State {
  jpeg_decompress_struct cinfo{};
  ErrorManager err{};
  std::string_view bytes;
  std::size_t scan_start = 0;  // where the first scan's entropy-coded data begins
  std::string exif;
  ~State() { jpeg_destroy_decompress(&cinfo); }  // safe on a zeroed or half-created struct
};

JpegDecoder::JpegDecoder(std::string_view bytes) : s_(std::make_unique<State>()) {
  State& s = *s_;
  s.bytes = bytes;
  s.cinfo.err = jpeg_std_error(&s.err.pub);
  s.err.pub.error_exit = on_error;
  s.err.pub.emit_message = on_message;
  s.err.pub.output_message = no_output;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const bool ok = guarded(s.err, [&] {
    jpeg_create_decompress(&s.cinfo);
    jpeg_mem_src(&s.cinfo, data, bytes.size());
    jpeg_save_markers(&s.cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&s.cinfo, TRUE);
  });
  if (!ok) {
    if (s.err.pub.msg_code == JWRN_JPEG_EOF) throw DecodeError("jpeg: truncated (the data ends inside the headers)");
    throw DecodeError(std::string("jpeg: ") + s.err.message);
  }
  s.scan_start = static_cast<std::size_t>(s.cinfo.src->next_input_byte - data);
  for (jpeg_saved_marker_ptr m = s.cinfo.marker_list; m; m = m->next)
    if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && std::memcmp(m->data, "Exif\0\0", 6) == 0) {
      s.exif.assign(reinterpret_cast<const char*>(m->data), m->data_length);
      break;
    }
}

JpegDecoder::~JpegDecoder() = default;

int JpegDecoder::width() const {
  return static_cast<int>(s_->cinfo.image_width);
}
int JpegDecoder::height() const {
  return static_cast<int>(s_->cinfo.image_height);
}
int JpegDecoder::components() const {
  return s_->cinfo.num_components;
}
std::string_view JpegDecoder::exif() const {
  return s_->exif;
}

Image JpegDecoder::decode(const Region& rect, int channels, int scale_denom) {
  State& s = *s_;
  jpeg_decompress_struct& cinfo = s.cinfo;
  // A complete JPEG has an end-of-image marker after its scans; 0xFF 0xD9 cannot occur inside entropy-coded data
  // (0xFF is stuffed there). Checked up front so that a truncated file is refused whatever rectangle is asked
  // for, not only when the rows that are missing happen to be needed.
  const std::size_t eoi = s.bytes.rfind("\xFF\xD9");
  if (eoi == std::string_view::npos || eoi < s.scan_start)
    throw DecodeError("jpeg: truncated (no end-of-image marker after the image data)");

  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  // Gray output only from a gray file: libjpeg's gray from YCbCr is the stored Y, not PIL's luma of the RGB.
  const bool gray = channels == 1 && cinfo.jpeg_color_space == JCS_GRAYSCALE;
  cinfo.out_color_space = cmyk ? JCS_CMYK : gray ? JCS_GRAYSCALE : JCS_RGB;
  // What OpenCV's imread and PIL use too: the same pixels as theirs, bit for bit.
  cinfo.dct_method = JDCT_ISLOW;
  cinfo.do_fancy_upsampling = TRUE;
  cinfo.scale_num = 1;
  cinfo.scale_denom = static_cast<unsigned>(scale_denom);
  const int components = cmyk ? 4 : gray ? 1 : 3;
  // The size the decoder gives at this scale (libjpeg rounds up), which `rect` is in.
  const int width = static_cast<int>((cinfo.image_width + static_cast<unsigned>(scale_denom) - 1) /
                                     static_cast<unsigned>(scale_denom));

  // Fancy upsampling blends each chroma sample with its neighbours, and a horizontally cropped decode treats the
  // crop's sides as image edges; so decode one iMCU column more on each side than asked, and keep only `rect`:
  // its pixels are then those of a full decode. Rows need no margin: jpeg_skip_scanlines keeps the context rows.
  const int pad = cinfo.max_h_samp_factor * DCTSIZE;
  const int x0 = rect.x > 0 ? std::max(0, rect.x - pad) : 0;
  const int x1 = rect.x + rect.w < width ? std::min(width, rect.x + rect.w + pad) : width;

  Image out = Image::make_u8(channels, rect.h, rect.w);
  std::vector<std::uint8_t> row_buffer(static_cast<std::size_t>(width) * components);
  std::uint8_t* const row = row_buffer.data();
  std::uint8_t* const planes = out.u8.data();
  const std::size_t plane = static_cast<std::size_t>(rect.w) * rect.h;
  const bool ok = guarded(s.err, [&] {
    jpeg_start_decompress(&cinfo);
    JDIMENSION xoffset = x0, crop_width = x1 - x0;
    if (crop_width < cinfo.output_width) jpeg_crop_scanline(&cinfo, &xoffset, &crop_width);
    const int skip_columns = rect.x - static_cast<int>(xoffset);
    if (rect.y > 0) jpeg_skip_scanlines(&cinfo, rect.y);
    const auto end = static_cast<JDIMENSION>(rect.y + rect.h);
    while (cinfo.output_scanline < end) {
      const std::size_t y = cinfo.output_scanline - rect.y;
      JSAMPROW rows[1] = {row};
      // The memory source never suspends, so every call returns a row.
      jpeg_read_scanlines(&cinfo, rows, 1);
      store_row(row + static_cast<std::ptrdiff_t>(skip_columns) * components, components, channels, rect.w, plane,
                planes + y * rect.w);
    }
    // Rows below `rect` are never decoded: the decompressor is dropped by ~State without finishing.
  });
  if (!ok) {
    if (s.err.pub.msg_code == JWRN_JPEG_EOF) throw DecodeError("jpeg: truncated (the data ends inside the image)");
    throw DecodeError(std::string("jpeg: ") + s.err.message);
  }
  return out;
}

}  // namespace auger::rt::io::detail
