// OpenCV's image codecs (cv::imdecode, imencode, imread, imwrite), loaded on their first call. Linking
// libopencv_imgcodecs pulls in GDAL, GDCM, libheif, Poppler and some 140 other libraries whose relocations and
// constructors cost every `auger` process about 60 ms of CPU before main(), whether or not it touches an image (a
// text or audio policy never does). So auger_runtime links OpenCV's core and imgproc only, and these definitions
// stand in for the four codec functions the project calls: each opens the library once and forwards to its own
// function (dlsym with the library's handle finds the library's definition, never these).
#include <dlfcn.h>

#include <opencv2/core/version.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <string>

namespace {

// The library by its soname as Debian's libopencv-imgcodecs installs it (libopencv_imgcodecs.so.406 for OpenCV 4.6),
// else by the development link.
void* codecs() {
  static void* const handle = [] {
    const std::string soname = "libopencv_imgcodecs.so." + std::to_string(CV_VERSION_MAJOR * 100 + CV_VERSION_MINOR);
    void* h = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libopencv_imgcodecs.so", RTLD_NOW | RTLD_LOCAL);
    if (!h)
      throw std::runtime_error("cannot load OpenCV's image codecs (" + soname + ", from Debian's libopencv-imgcodecs)");
    return h;
  }();
  return handle;
}

// The library's function `mangled` (its C++ symbol name, as `nm -D` lists it) as a pointer of type Fn.
template <typename Fn>
Fn* codec(const char* mangled) {
  void* f = dlsym(codecs(), mangled);
  if (!f) throw std::runtime_error(std::string("OpenCV's image codecs lack ") + mangled);
  return reinterpret_cast<Fn*>(f);
}

}  // namespace

namespace cv {

Mat imdecode(InputArray buf, int flags) {
  static auto* const fn = codec<Mat(InputArray, int)>("_ZN2cv8imdecodeERKNS_11_InputArrayEi");
  return fn(buf, flags);
}

bool imencode(const String& ext, InputArray img, std::vector<uchar>& buf, const std::vector<int>& params) {
  static auto* const fn = codec<bool(const String&, InputArray, std::vector<uchar>&, const std::vector<int>&)>(
      "_ZN2cv8imencodeERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEERKNS_11_InputArrayERSt6vectorIhSaIhEERK"
      "SB_IiSaIiEE");
  return fn(ext, img, buf, params);
}

Mat imread(const String& filename, int flags) {
  static auto* const fn =
      codec<Mat(const String&, int)>("_ZN2cv6imreadERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEi");
  return fn(filename, flags);
}

bool imwrite(const String& filename, InputArray img, const std::vector<int>& params) {
  static auto* const fn = codec<bool(const String&, InputArray, const std::vector<int>&)>(
      "_ZN2cv7imwriteERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEERKNS_11_InputArrayERKSt6vectorIiSaIiEE");
  return fn(filename, img, params);
}

}  // namespace cv
