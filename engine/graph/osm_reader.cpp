/* The OpenStreetMap reader over libosmium (see osm_reader.h). The only C++
 * unit of the engine: it turns libosmium's objects into calls of the C
 * handlers and its exceptions into an error message; nothing thrown crosses
 * into C. */
#include "graph/osm_reader.h"

#include <cerrno>
#include <climits>
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
        return 2;
    } catch (const std::exception &e) {
        copy_message(err, err_size, e.what());
        return 2;
    } catch (...) {
        copy_message(err, err_size, "unknown error in the OpenStreetMap reader");
        return 2;
    }
}
