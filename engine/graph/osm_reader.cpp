/* The OpenStreetMap reader over libosmium (see osm_reader.h). The only C++
 * unit of the engine: it turns libosmium's objects into calls of the C
 * handlers and its exceptions into an error message; nothing thrown crosses
 * into C. */
#include "graph/osm_reader.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>
#include <protozero/pbf_reader.hpp>

#include <expat.h>
#include <glib.h>

namespace {

/* "xml", "pbf", or "" when the input holds only blanks. Reads the first
 * bytes only. */
std::string sniff(const char *path, const void *data, size_t size, bool *io_error) {
    unsigned char head[512];
    size_t n = 0;
    *io_error = false;
    if (data) {
        n = size < sizeof head ? size : sizeof head;
        std::memcpy(head, data, n);
    } else {
        std::FILE *f = std::fopen(path, "rb");
        if (!f) {
            *io_error = true;
            return "";
        }
        n = std::fread(head, 1, sizeof head, f);
        bool bad = std::ferror(f);
        std::fclose(f);
        if (bad) {
            *io_error = true;
            return "";
        }
    }
    size_t i = 0;
    if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) i = 3; /* UTF-8 BOM */
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    if (i == n) return n == sizeof head ? "pbf" : "";
    return head[i] == '<' ? "xml" : "pbf";
}

/* Walks the frames of a PBF (4-byte size, BlobHeader, blob) without
 * decoding them, and checks that the last one ends at the end of the input.
 * libosmium reports a cut inside a blob, but takes a cut inside the 4-byte
 * size of the next one for the end of the file: that download, cut short,
 * would be read as a smaller extract. A cut exactly between two blobs cannot
 * be told from a whole file (PBF has no end marker). Throws on a bad frame.
 * Costs a read of a few bytes and a seek per blob (about 8,000 objects). */
struct frame_source {
    const unsigned char *data = nullptr;
    size_t size = 0, pos = 0;
    std::FILE *f = nullptr;
    /* reads n bytes at the current position; false at a short read */
    bool read(void *out, size_t n) {
        if (n == 0) return true; /* out may be NULL (an empty header) */
        if (data) {
            if (size - pos < n) return false;
            std::memcpy(out, data + pos, n);
            pos += n;
            return true;
        }
        return std::fread(out, 1, n, f) == n;
    }
    bool skip(uint64_t n) {
        if (data) {
            if (size - pos < n) return false;
            pos += n;
            return true;
        }
        if (n > (uint64_t)LONG_MAX || std::fseek(f, (long)n, SEEK_CUR) != 0) return false;
        return true;
    }
    bool at_end() {
        if (data) return pos == size;
        int c = std::fgetc(f);
        if (c == EOF) return true;
        std::ungetc(c, f);
        return false;
    }
    uint64_t left() {
        if (data) return size - pos;
        long here = std::ftell(f);
        return here >= 0 && (uint64_t)here <= size ? size - (uint64_t)here : 0;
    }
};

void check_pbf_frames(const char *path, const void *data, size_t size) {
    frame_source src;
    if (data) {
        src.data = static_cast<const unsigned char *>(data);
        src.size = size;
    } else {
        src.f = std::fopen(path, "rb");
        if (!src.f) throw std::system_error{errno, std::system_category(), "cannot open"};
        if (std::fseek(src.f, 0, SEEK_END) != 0 || std::ftell(src.f) < 0)
            throw std::system_error{errno, std::system_category(), "cannot seek"};
        src.size = (size_t)std::ftell(src.f);
        std::rewind(src.f);
    }
    struct closer {
        std::FILE *f;
        ~closer() {
            if (f) std::fclose(f);
        }
    } close_it{src.f};
    std::vector<char> header;
    for (uint64_t blob = 1;; blob++) {
        unsigned char len4[4];
        if (src.at_end()) return;
        if (!src.read(len4, 4))
            throw std::runtime_error{"PBF error: truncated data (cut in the size of block " +
                                     std::to_string(blob) + ")"};
        uint32_t n = (uint32_t)len4[0] << 24 | (uint32_t)len4[1] << 16 | (uint32_t)len4[2] << 8 |
                     (uint32_t)len4[3];
        if (n > 64 * 1024)
            throw std::runtime_error{"PBF error: block " + std::to_string(blob) +
                                     ": header size " + std::to_string(n) + " over 64 kB"};
        header.resize(n);
        if (!src.read(header.data(), n))
            throw std::runtime_error{"PBF error: truncated data (cut in the header of block " +
                                     std::to_string(blob) + ")"};
        int64_t datasize = -1;
        protozero::pbf_reader msg{header.data(), header.size()};
        while (msg.next()) {
            if (msg.tag() == 3 && msg.wire_type() == protozero::pbf_wire_type::varint)
                datasize = msg.get_int32();
            else
                msg.skip();
        }
        if (datasize < 0 || datasize > 32 * 1024 * 1024)
            throw std::runtime_error{"PBF error: block " + std::to_string(blob) +
                                     ": missing or invalid data size"};
        if ((uint64_t)datasize > src.left() || !src.skip((uint64_t)datasize))
            throw std::runtime_error{"PBF error: truncated data (cut in block " +
                                     std::to_string(blob) + ")"};
    }
}

/* libosmium 2.19 reads an XML coordinate with a large exponent through a
 * signed overflow: lat="43.6E8000" comes out as 0.0, silently (found by
 * libFuzzer with UBSan). Real files never write exponents, so a first expat
 * pass over an XML input looks at every lat and lon attribute (and minlat,
 * max_lon... of <bounds> and changesets) written with one and refuses the file when its value is outside -90..90 / -180..180;
 * an exponent that keeps the value in range is read right by libosmium.
 * XML syntax errors are left to libosmium's pass. */
struct exponent_check {
    std::string error;
    XML_Parser parser = nullptr;
};

void check_start(void *user, const XML_Char *name, const XML_Char **attrs) {
    auto *c = static_cast<exponent_check *>(user);
    if (!c->error.empty()) return;
    const char *id = "?";
    for (const XML_Char **a = attrs; a[0] && a[1]; a += 2)
        if (!std::strcmp(a[0], "id")) id = a[1];
    for (const XML_Char **a = attrs; a[0] && a[1]; a += 2) {
        size_t len = std::strlen(a[0]); /* lat, lon, minlat, max_lon... */
        bool lat = len >= 3 && !std::strcmp(a[0] + len - 3, "lat");
        bool lon = len >= 3 && !std::strcmp(a[0] + len - 3, "lon");
        if ((!lat && !lon) || !std::strpbrk(a[1], "eE")) continue;
        double v = g_ascii_strtod(a[1], nullptr);
        if (!(std::fabs(v) <= (lat ? 90.0 : 180.0))) {
            c->error = std::string{name} + " " + id + ": " + a[0] + " '" + a[1] +
                       "' outside " + (lat ? "-90..90" : "-180..180");
            XML_StopParser(c->parser, XML_FALSE);
            return;
        }
    }
}

void check_xml_exponents(const char *path, const void *data, size_t size) {
    exponent_check c;
    c.parser = XML_ParserCreate(nullptr);
    if (!c.parser) throw std::bad_alloc{};
    struct freer {
        XML_Parser p;
        ~freer() { XML_ParserFree(p); }
    } free_it{c.parser};
    XML_SetUserData(c.parser, &c);
    XML_SetStartElementHandler(c.parser, check_start);
    if (data) {
        const char *p = static_cast<const char *>(data);
        size_t left = size;
        do { /* XML_Parse takes an int length */
            int n = left > (1 << 30) ? (1 << 30) : (int)left;
            if (XML_Parse(c.parser, p, n, n == (int)left) != XML_STATUS_OK) break;
            p += n;
            left -= (size_t)n;
        } while (left > 0);
    } else {
        std::FILE *f = std::fopen(path, "rb");
        if (!f) throw std::system_error{errno, std::system_category(), "cannot open"};
        struct closer {
            std::FILE *f;
            ~closer() { std::fclose(f); }
        } close_it{f};
        std::vector<char> buf(1 << 16);
        for (;;) {
            size_t n = std::fread(buf.data(), 1, buf.size(), f);
            bool last = n < buf.size();
            if (std::ferror(f)) throw std::system_error{errno, std::system_category(), "cannot read"};
            if (XML_Parse(c.parser, buf.data(), (int)n, last) != XML_STATUS_OK || last) break;
        }
    }
    if (!c.error.empty()) throw std::runtime_error{c.error};
}

struct stop_reading {};

void copy_message(char *err, size_t err_size, const char *msg) {
    if (err && err_size) std::snprintf(err, err_size, "%s", msg);
}

} // namespace

extern "C" int ga_osm_stream(const char *path, const void *data, size_t size,
                             const ga_osm_handlers *h, void *user, char *err, size_t err_size) {
    copy_message(err, err_size, "");
    try {
        bool io_error = false;
        std::string format = sniff(path, data, size, &io_error);
        if (io_error) {
            copy_message(err, err_size, std::strerror(errno));
            return 1;
        }
        if (format.empty()) {
            copy_message(err, err_size, "empty file, not an OpenStreetMap extract");
            return 2;
        }
        if (format == "pbf") check_pbf_frames(path, data, size);
        else check_xml_exponents(path, data, size); /* <bounds> is read in every pass */
        osmium::osm_entity_bits::type bits = osmium::osm_entity_bits::nothing;
        if (h->node) bits |= osmium::osm_entity_bits::node;
        if (h->way) bits |= osmium::osm_entity_bits::way;
        if (h->relation) bits |= osmium::osm_entity_bits::relation;
        osmium::io::File file = data ? osmium::io::File{static_cast<const char *>(data), size, format}
                                     : osmium::io::File{path, format};
        osmium::io::Reader reader{file, bits, osmium::io::read_meta::no};
        std::vector<int64_t> refs;
        std::vector<const char *> keys, values;
        try {
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (auto it = buffer.begin<osmium::OSMObject>(); it != buffer.end<osmium::OSMObject>();
                     ++it) {
                    switch (it->type()) {
                    case osmium::item_type::node: {
                        if (!h->node) break;
                        const auto &n = static_cast<const osmium::Node &>(*it);
                        osmium::Location loc = n.location();
                        if (!loc.valid()) {
                            std::string m = "node " + std::to_string(n.id()) +
                                            ": no valid coordinates (longitude -180..180, latitude -90..90)";
                            copy_message(err, err_size, m.c_str());
                            return 2;
                        }
                        if (h->node(user, n.id(), loc.lon_without_check(), loc.lat_without_check()))
                            throw stop_reading{};
                        break;
                    }
                    case osmium::item_type::way: {
                        if (!h->way) break;
                        const auto &w = static_cast<const osmium::Way &>(*it);
                        refs.clear();
                        for (const osmium::NodeRef &r : w.nodes()) refs.push_back(r.ref());
                        keys.clear();
                        values.clear();
                        for (const osmium::Tag &t : w.tags()) {
                            keys.push_back(t.key());
                            values.push_back(t.value());
                        }
                        if (h->way(user, w.id(), refs.data(), refs.size(), keys.data(), values.data(),
                                   keys.size()))
                            throw stop_reading{};
                        break;
                    }
                    case osmium::item_type::relation:
                        if (h->relation && h->relation(user, it->id())) throw stop_reading{};
                        break;
                    default:
                        break;
                    }
                }
            }
        } catch (const stop_reading &) {
            /* the reader's threads are stopped and joined by close() */
        }
        reader.close();
        return 0;
    } catch (const std::system_error &e) {
        copy_message(err, err_size, e.what());
        return 1;
    } catch (const std::bad_alloc &) {
        copy_message(err, err_size, "out of memory");
        return 3;
    } catch (const std::exception &e) {
        copy_message(err, err_size, e.what());
        return 2;
    } catch (...) {
        copy_message(err, err_size, "unknown error in the OpenStreetMap reader");
        return 2;
    }
}
