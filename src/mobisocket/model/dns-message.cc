/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dns-message.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace ns3
{

namespace
{

constexpr std::size_t MAX_COUNT = std::numeric_limits<uint16_t>::max(); //!< a section's limit
constexpr uint8_t POINTER_BITS = 0xC0; //!< the two high bits of a compression pointer

/**
 * \param b a byte
 * \return true if a label may hold it (see DnsName)
 */
bool
IsLabelByte(uint8_t b)
{
    return b >= 0x21 && b <= 0x7E && b != '.' && b != '\\';
}

/**
 * \param out where to append
 * \param value a 16-bit value, written in network order
 */
void
PutU16(std::vector<uint8_t>& out, uint16_t value)
{
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
}

/**
 * \param out where to append
 * \param value a 32-bit value, written in network order
 */
void
PutU32(std::vector<uint8_t>& out, uint32_t value)
{
    PutU16(out, static_cast<uint16_t>(value >> 16));
    PutU16(out, static_cast<uint16_t>(value));
}

/**
 * \param out where to append
 * \param value a 48-bit value, written in network order
 */
void
PutU48(std::vector<uint8_t>& out, uint64_t value)
{
    PutU16(out, static_cast<uint16_t>(value >> 32));
    PutU32(out, static_cast<uint32_t>(value));
}

/**
 * \param out where to append
 * \param bytes the bytes, preceded by their length on 16 bits
 * \return false if there are more than 65,535
 */
bool
PutSized(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes)
{
    if (bytes.size() > MAX_COUNT)
    {
        return false;
    }
    PutU16(out, static_cast<uint16_t>(bytes.size()));
    out.insert(out.end(), bytes.begin(), bytes.end());
    return true;
}

/**
 * \brief Reads a DNS message field by field, never past its end; the first
 *        failure is kept with its offset.
 */
class Reader
{
  public:
    /**
     * \param data the message
     * \param size its size
     */
    Reader(const uint8_t* data, std::size_t size)
        : m_data(data),
          m_size(size),
          m_limit(size)
    {
    }

    /// \return the offset of the next byte
    std::size_t Offset() const
    {
        return m_offset;
    }

    /// \return true if every byte up to the limit was read
    bool AtEnd() const
    {
        return m_offset == m_limit;
    }

    /**
     * \brief Stop sequential reads at an offset (within the data).
     * \param limit the offset
     */
    void SetLimit(std::size_t limit)
    {
        m_limit = std::min(limit, m_size);
    }

    /**
     * \brief Record a failure (the first one only).
     * \param error what
     * \return false
     */
    bool Fail(DnsDecodeError error)
    {
        if (m_error == DnsDecodeError::NONE)
        {
            m_error = error;
            m_errorOffset = m_offset;
        }
        return false;
    }

    /// \return the first failure
    DnsDecodeError Error() const
    {
        return m_error;
    }

    /// \return where it was found
    std::size_t ErrorOffset() const
    {
        return m_errorOffset;
    }

    /// \return true if a name used a pointer
    bool Compressed() const
    {
        return m_compressed;
    }

    /**
     * \brief Set what running out of bytes before the limit means (TRUNCATED
     *        for the message, BAD_TSIG inside a TSIG's RDATA).
     * \param error the error
     */
    void SetShortError(DnsDecodeError error)
    {
        m_shortError = error;
    }

    /**
     * \param n a number of bytes
     * \return true if they are there before the limit (else fails)
     */
    bool Need(std::size_t n)
    {
        return (m_limit - m_offset >= n) || Fail(m_shortError);
    }

    /**
     * \param[out] value the next 16 bits
     * \return false if truncated
     */
    bool U16(uint16_t& value)
    {
        if (!Need(2))
        {
            return false;
        }
        value = static_cast<uint16_t>((m_data[m_offset] << 8) | m_data[m_offset + 1]);
        m_offset += 2;
        return true;
    }

    /**
     * \param[out] value the next 32 bits
     * \return false if truncated
     */
    bool U32(uint32_t& value)
    {
        uint16_t high = 0;
        uint16_t low = 0;
        if (!Need(4) || !U16(high) || !U16(low))
        {
            return false;
        }
        value = (uint32_t(high) << 16) | low;
        return true;
    }

    /**
     * \param[out] value the next 48 bits
     * \return false if truncated
     */
    bool U48(uint64_t& value)
    {
        uint16_t high = 0;
        uint32_t low = 0;
        if (!Need(6) || !U16(high) || !U32(low))
        {
            return false;
        }
        value = (uint64_t(high) << 32) | low;
        return true;
    }

    /**
     * \param n how many bytes
     * \param[out] out the next n bytes
     * \return false if truncated
     */
    bool Bytes(std::size_t n, std::vector<uint8_t>& out)
    {
        if (!Need(n))
        {
            return false;
        }
        out.assign(m_data + m_offset, m_data + m_offset + n);
        m_offset += n;
        return true;
    }

    /**
     * \brief Read a name, following compression pointers strictly backwards.
     * \param[out] text the name in text form ("." for the root)
     * \param allowPointers whether a pointer is allowed (else BAD_TSIG)
     * \return false if it is not a valid name
     */
    bool Name(std::string& text, bool allowPointers)
    {
        text.clear();
        NameCursor cursor{m_offset, m_offset, m_limit};
        while (true)
        {
            if (cursor.pos >= cursor.bound)
            {
                return Fail(m_shortError);
            }
            const uint8_t length = m_data[cursor.pos];
            if ((length & POINTER_BITS) == POINTER_BITS)
            {
                if (!Jump(cursor, allowPointers))
                {
                    return false;
                }
            }
            else if ((length & POINTER_BITS) != 0)
            {
                return Fail(DnsDecodeError::BAD_LABEL);
            }
            else if (length == 0)
            {
                break;
            }
            else if (!Label(cursor, length, text))
            {
                return false;
            }
        }
        if (!cursor.jumped)
        {
            m_offset = cursor.pos + 1;
        }
        if (text.empty())
        {
            text = ".";
        }
        return true;
    }

  private:
    /// Where the reading of a name is.
    struct NameCursor
    {
        std::size_t pos;     //!< the next length byte
        std::size_t segment; //!< the first byte read since the last pointer
        std::size_t bound;   //!< reads stay below (the limit until a pointer is followed)
        std::size_t wire{1}; //!< wire length so far, the final zero byte included
        bool jumped{false};  //!< a pointer was followed
    };

    /**
     * \brief Follow the compression pointer at the cursor: it must point
     *        before the first byte read since the previous one.
     * \param cursor the cursor
     * \param allowPointers whether a pointer is allowed (else BAD_TSIG)
     * \return false if it may not be followed
     */
    bool Jump(NameCursor& cursor, bool allowPointers)
    {
        if (!allowPointers)
        {
            return Fail(DnsDecodeError::BAD_TSIG); // RFC 8945 4.2: never compressed
        }
        if (cursor.pos + 1 >= cursor.bound)
        {
            return Fail(m_shortError);
        }
        const std::size_t target =
            ((m_data[cursor.pos] & ~POINTER_BITS) << 8) | m_data[cursor.pos + 1];
        if (target >= cursor.segment)
        {
            return Fail(DnsDecodeError::BAD_POINTER);
        }
        if (!cursor.jumped)
        {
            m_offset = cursor.pos + 2;
        }
        cursor.jumped = true;
        cursor.pos = cursor.segment = target;
        cursor.bound = m_size;
        m_compressed = true;
        return true;
    }

    /**
     * \brief Read the label at the cursor.
     * \param cursor the cursor
     * \param length its length byte (1-63)
     * \param[out] text where its text and a dot are appended
     * \return false if it is cut short, has a byte DnsName refuses or makes
     *         the name too long
     */
    bool Label(NameCursor& cursor, uint8_t length, std::string& text)
    {
        cursor.wire += 1 + length;
        if (cursor.wire > DnsName::MAX_WIRE)
        {
            return Fail(DnsDecodeError::NAME_TOO_LONG);
        }
        if (cursor.bound - cursor.pos - 1 < length)
        {
            return Fail(m_shortError);
        }
        const uint8_t* label = m_data + cursor.pos + 1;
        if (!std::all_of(label, label + length, IsLabelByte))
        {
            return Fail(DnsDecodeError::BAD_LABEL_BYTE);
        }
        text.append(reinterpret_cast<const char*>(label), length);
        text.push_back('.');
        cursor.pos += 1 + length;
        return true;
    }

    const uint8_t* m_data;                                  //!< the message
    std::size_t m_size;                                     //!< its size
    std::size_t m_limit;                                    //!< sequential reads stop here
    std::size_t m_offset{0};                                //!< next byte
    DnsDecodeError m_error{DnsDecodeError::NONE};           //!< first failure
    std::size_t m_errorOffset{0};                           //!< where
    bool m_compressed{false};                               //!< a pointer was followed
    DnsDecodeError m_shortError{DnsDecodeError::TRUNCATED}; //!< what running out means
};

/**
 * \param rr a record (not a TSIG) with its RDATA read
 * \return true if its RDATA has a length its type and class allow
 */
bool
RdataFits(const DnsResourceRecord& rr)
{
    const bool meta = rr.rrClass == DnsMessage::CLASS_ANY || rr.rrClass == DnsMessage::CLASS_NONE;
    switch (rr.type)
    {
    case DnsMessage::TYPE_A:
        return rr.rdata.size() == 4 || (meta && rr.rdata.empty());
    case DnsMessage::TYPE_ANY:
        return rr.rdata.empty();
    default:
        return true;
    }
}

/**
 * \brief Read a record's owner, type, class, TTL and RDLENGTH.
 * \param reader the reader
 * \param[out] rr the record
 * \param[out] rdlength its RDLENGTH
 * \return false if malformed
 */
bool
ReadRecordHeader(Reader& reader, DnsResourceRecord& rr, uint16_t& rdlength)
{
    return reader.Name(rr.name, true) && reader.U16(rr.type) && reader.U16(rr.rrClass) &&
           reader.U32(rr.ttl) && reader.U16(rdlength);
}

/**
 * \brief Read a TSIG record's RDATA (RFC 8945 4.2).
 * \param reader the reader, after the RDLENGTH
 * \param head the record's owner, class and TTL
 * \param rdlength its RDLENGTH
 * \param[out] tsig the TSIG
 * \return false if malformed
 */
bool
ReadTsig(Reader& reader, const DnsResourceRecord& head, uint16_t rdlength, DnsTsig& tsig)
{
    if (head.rrClass != DnsMessage::CLASS_ANY || head.ttl != 0)
    {
        return reader.Fail(DnsDecodeError::BAD_TSIG);
    }
    if (!reader.Need(rdlength))
    {
        return false;
    }
    // Inside the RDATA, running out means its fields do not add up to RDLENGTH.
    reader.SetLimit(reader.Offset() + rdlength);
    reader.SetShortError(DnsDecodeError::BAD_TSIG);
    tsig.keyName = head.name;
    uint16_t macSize = 0;
    uint16_t otherLength = 0;
    bool ok = reader.Name(tsig.algorithm, false) && reader.U48(tsig.timeSigned) &&
              reader.U16(tsig.fudge) && reader.U16(macSize) && reader.Bytes(macSize, tsig.mac) &&
              reader.U16(tsig.originalId) && reader.U16(tsig.error) && reader.U16(otherLength) &&
              reader.Bytes(otherLength, tsig.otherData);
    if (ok && !reader.AtEnd())
    {
        ok = reader.Fail(DnsDecodeError::BAD_TSIG);
    }
    reader.SetShortError(DnsDecodeError::TRUNCATED);
    reader.SetLimit(std::numeric_limits<std::size_t>::max());
    return ok;
}

/**
 * \brief Read a section of records; a TSIG may only be the last of the
 *        additional section.
 * \param reader the reader
 * \param count the section's count
 * \param[out] out its records
 * \param additional whether it is the additional section
 * \param[out] result where the TSIG goes
 * \param[out] tsigStart the TSIG record's offset
 * \return false if malformed
 */
bool
ReadSection(Reader& reader,
            uint16_t count,
            std::vector<DnsResourceRecord>& out,
            bool additional,
            DnsDecodeResult& result,
            std::size_t& tsigStart)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        if (reader.AtEnd())
        {
            return reader.Fail(DnsDecodeError::COUNTS_EXCEED_DATA);
        }
        const std::size_t start = reader.Offset();
        DnsResourceRecord rr;
        uint16_t rdlength = 0;
        if (!ReadRecordHeader(reader, rr, rdlength))
        {
            return false;
        }
        if (rr.type == DnsMessage::TYPE_TSIG)
        {
            if (!additional || i + 1 != count)
            {
                return reader.Fail(DnsDecodeError::TSIG_NOT_LAST);
            }
            tsigStart = start;
            result.message.tsig = DnsTsig();
            return ReadTsig(reader, rr, rdlength, *result.message.tsig);
        }
        if (!reader.Bytes(rdlength, rr.rdata))
        {
            return false;
        }
        if (!RdataFits(rr))
        {
            return reader.Fail(DnsDecodeError::BAD_RDATA);
        }
        out.push_back(std::move(rr));
    }
    return true;
}

/**
 * \brief Read the header.
 * \param reader the reader
 * \param[out] m the message's header fields
 * \param[out] counts QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT
 * \return false if truncated
 */
bool
ReadHeader(Reader& reader, DnsMessage& m, uint16_t counts[4])
{
    uint16_t flags = 0;
    if (!reader.U16(m.id) || !reader.U16(flags))
    {
        return false;
    }
    m.qr = (flags >> 15) & 1;
    m.opcode = (flags >> 11) & 0xF;
    m.aa = (flags >> 10) & 1;
    m.tc = (flags >> 9) & 1;
    m.rd = (flags >> 8) & 1;
    m.ra = (flags >> 7) & 1;
    m.z = (flags >> 4) & 0x7;
    m.rcode = flags & 0xF;
    for (int i = 0; i < 4; ++i)
    {
        if (!reader.U16(counts[i]))
        {
            return false;
        }
    }
    return true;
}

/**
 * \brief Read the question section.
 * \param reader the reader
 * \param count QDCOUNT
 * \param[out] out the questions
 * \return false if malformed
 */
bool
ReadQuestions(Reader& reader, uint16_t count, std::vector<DnsQuestion>& out)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        if (reader.AtEnd())
        {
            return reader.Fail(DnsDecodeError::COUNTS_EXCEED_DATA);
        }
        DnsQuestion q;
        if (!reader.Name(q.name, true) || !reader.U16(q.type) || !reader.U16(q.qclass))
        {
            return false;
        }
        out.push_back(std::move(q));
    }
    return true;
}

/**
 * \brief Append a record (RFC 1035 3.2.1), its owner uncompressed.
 * \param out where to
 * \param rr the record
 * \return false if it cannot be encoded
 */
bool
AppendRecord(std::vector<uint8_t>& out, const DnsResourceRecord& rr)
{
    if (!DnsName::Append(rr.name, out))
    {
        return false;
    }
    PutU16(out, rr.type);
    PutU16(out, rr.rrClass);
    PutU32(out, rr.ttl);
    return PutSized(out, rr.rdata);
}

/**
 * \brief Append a TSIG record (RFC 8945 4.2).
 * \param out where to
 * \param tsig the TSIG
 * \return false if it cannot be encoded
 */
bool
AppendTsig(std::vector<uint8_t>& out, const DnsTsig& tsig)
{
    std::vector<uint8_t> rdata;
    if (tsig.timeSigned > DnsTsig::MAX_TIME || !DnsName::Append(tsig.algorithm, rdata))
    {
        return false;
    }
    PutU48(rdata, tsig.timeSigned);
    PutU16(rdata, tsig.fudge);
    if (!PutSized(rdata, tsig.mac))
    {
        return false;
    }
    PutU16(rdata, tsig.originalId);
    PutU16(rdata, tsig.error);
    if (!PutSized(rdata, tsig.otherData))
    {
        return false;
    }
    DnsResourceRecord rr;
    rr.name = tsig.keyName;
    rr.type = DnsMessage::TYPE_TSIG;
    rr.rrClass = DnsMessage::CLASS_ANY;
    rr.ttl = 0;
    rr.rdata = std::move(rdata);
    return AppendRecord(out, rr);
}

/**
 * \brief Encode a message.
 * \param m the message
 * \param id the ID to write
 * \param withTsig whether to write its TSIG
 * \return the bytes, empty if it cannot be encoded
 */
std::vector<uint8_t>
EncodeMessage(const DnsMessage& m, uint16_t id, bool withTsig)
{
    const bool tsig = withTsig && m.tsig.has_value();
    const std::size_t arcount = m.additionals.size() + (tsig ? 1 : 0);
    if (m.opcode > 0xF || m.rcode > 0xF || m.z > 0x7 || m.questions.size() > MAX_COUNT ||
        m.answers.size() > MAX_COUNT || m.authorities.size() > MAX_COUNT || arcount > MAX_COUNT)
    {
        return {};
    }
    std::vector<uint8_t> out;
    PutU16(out, id);
    PutU16(out,
           static_cast<uint16_t>((m.qr << 15) | (m.opcode << 11) | (m.aa << 10) | (m.tc << 9) |
                                 (m.rd << 8) | (m.ra << 7) | (m.z << 4) | m.rcode));
    for (std::size_t count : {m.questions.size(), m.answers.size(), m.authorities.size(), arcount})
    {
        PutU16(out, static_cast<uint16_t>(count));
    }
    for (const DnsQuestion& q : m.questions)
    {
        if (!DnsName::Append(q.name, out))
        {
            return {};
        }
        PutU16(out, q.type);
        PutU16(out, q.qclass);
    }
    for (const auto* section : {&m.answers, &m.authorities, &m.additionals})
    {
        for (const DnsResourceRecord& rr : *section)
        {
            if (!AppendRecord(out, rr))
            {
                return {};
            }
        }
    }
    if (tsig && !AppendTsig(out, *m.tsig))
    {
        return {};
    }
    return out;
}

/**
 * \param os a stream
 * \param rr a record, printed as "name class type ttl rdata"
 */
void
PrintRecord(std::ostream& os, const DnsResourceRecord& rr)
{
    os << " " << rr.name << " " << rr.rrClass << " " << rr.type << " " << rr.ttl;
    Ipv4Address address;
    if (rr.GetIpv4(address))
    {
        os << " " << address;
    }
    else if (!rr.rdata.empty())
    {
        os << " (" << rr.rdata.size() << " bytes)";
    }
    os << ";";
}

} // namespace

// ---------------------------------------------------------------- DnsName

bool
DnsName::Split(const std::string& text, std::vector<std::string>& labels)
{
    labels.clear();
    if (text.empty())
    {
        return false;
    }
    if (text == ".")
    {
        return true;
    }
    std::size_t wire = 1;
    std::size_t start = 0;
    const std::size_t end = text.back() == '.' ? text.size() - 1 : text.size();
    while (start <= end)
    {
        std::size_t dot = std::min(text.find('.', start), end);
        std::string label = text.substr(start, dot - start);
        wire += 1 + label.size();
        if (label.empty() || label.size() > MAX_LABEL || wire > MAX_WIRE ||
            !std::all_of(label.begin(), label.end(), [](char c) {
                return IsLabelByte(static_cast<uint8_t>(c));
            }))
        {
            labels.clear();
            return false;
        }
        labels.push_back(std::move(label));
        start = dot + 1;
    }
    return true;
}

bool
DnsName::IsValid(const std::string& text)
{
    std::vector<std::string> labels;
    return Split(text, labels);
}

std::string
DnsName::Canonical(const std::string& text)
{
    std::vector<std::string> labels;
    if (!Split(text, labels))
    {
        return "";
    }
    std::string out;
    for (const std::string& label : labels)
    {
        for (char c : label)
        {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        out.push_back('.');
    }
    return out.empty() ? "." : out;
}

bool
DnsName::IsInZone(const std::string& name, const std::string& zone)
{
    const std::string n = Canonical(name);
    const std::string z = Canonical(zone);
    if (n.empty() || z.empty())
    {
        return false;
    }
    if (z == "." || n == z)
    {
        return true;
    }
    return n.size() > z.size() && n.compare(n.size() - z.size(), z.size(), z) == 0 &&
           n[n.size() - z.size() - 1] == '.';
}

bool
DnsName::Equal(const std::string& a, const std::string& b)
{
    const std::string canonical = Canonical(a);
    return !canonical.empty() && canonical == Canonical(b);
}

std::size_t
DnsName::WireLength(const std::string& text)
{
    std::vector<uint8_t> out;
    return Append(text, out) ? out.size() : 0;
}

bool
DnsName::Append(const std::string& text, std::vector<uint8_t>& out, bool canonical)
{
    std::vector<std::string> labels;
    if (!Split(canonical ? Canonical(text) : text, labels))
    {
        return false;
    }
    for (const std::string& label : labels)
    {
        out.push_back(static_cast<uint8_t>(label.size()));
        out.insert(out.end(), label.begin(), label.end());
    }
    out.push_back(0);
    return true;
}

const char*
GetDnsDecodeErrorName(DnsDecodeError error)
{
    switch (error)
    {
    case DnsDecodeError::NONE:
        return "none";
    case DnsDecodeError::TRUNCATED:
        return "truncated";
    case DnsDecodeError::COUNTS_EXCEED_DATA:
        return "counts-exceed-data";
    case DnsDecodeError::BAD_LABEL:
        return "bad-label";
    case DnsDecodeError::BAD_LABEL_BYTE:
        return "bad-label-byte";
    case DnsDecodeError::NAME_TOO_LONG:
        return "name-too-long";
    case DnsDecodeError::BAD_POINTER:
        return "bad-pointer";
    case DnsDecodeError::BAD_RDATA:
        return "bad-rdata";
    case DnsDecodeError::BAD_TSIG:
        return "bad-tsig";
    case DnsDecodeError::TSIG_NOT_LAST:
        return "tsig-not-last";
    case DnsDecodeError::TRAILING_DATA:
        return "trailing-data";
    }
    return "unknown";
}

// ------------------------------------------------- questions and records

bool
DnsQuestion::operator==(const DnsQuestion& other) const
{
    return name == other.name && type == other.type && qclass == other.qclass;
}

DnsResourceRecord
DnsResourceRecord::MakeA(const std::string& name, Ipv4Address address, uint32_t ttl)
{
    DnsResourceRecord rr;
    rr.name = name;
    rr.type = DnsMessage::TYPE_A;
    rr.rrClass = DnsMessage::CLASS_IN;
    rr.ttl = ttl;
    rr.rdata.resize(4);
    address.Serialize(rr.rdata.data());
    return rr;
}

DnsResourceRecord
DnsResourceRecord::MakeDeleteRrset(const std::string& name, uint16_t type)
{
    DnsResourceRecord rr;
    rr.name = name;
    rr.type = type;
    rr.rrClass = DnsMessage::CLASS_ANY;
    return rr;
}

DnsResourceRecord
DnsResourceRecord::MakeDeleteName(const std::string& name)
{
    return MakeDeleteRrset(name, DnsMessage::TYPE_ANY);
}

DnsResourceRecord
DnsResourceRecord::MakeDeleteA(const std::string& name, Ipv4Address address)
{
    DnsResourceRecord rr = MakeA(name, address, 0);
    rr.rrClass = DnsMessage::CLASS_NONE;
    return rr;
}

bool
DnsResourceRecord::GetIpv4(Ipv4Address& address) const
{
    if (type != DnsMessage::TYPE_A || rdata.size() != 4)
    {
        return false;
    }
    address = Ipv4Address::Deserialize(rdata.data());
    return true;
}

bool
DnsResourceRecord::operator==(const DnsResourceRecord& other) const
{
    return name == other.name && type == other.type && rrClass == other.rrClass &&
           ttl == other.ttl && rdata == other.rdata;
}

// ------------------------------------------------------------------ TSIG

bool
DnsTsig::AppendVariables(std::vector<uint8_t>& out) const
{
    if (timeSigned > MAX_TIME || otherData.size() > MAX_COUNT ||
        !DnsName::Append(keyName, out, true))
    {
        return false;
    }
    PutU16(out, DnsMessage::CLASS_ANY);
    PutU32(out, 0);
    if (!DnsName::Append(algorithm, out, true))
    {
        return false;
    }
    PutU48(out, timeSigned);
    PutU16(out, fudge);
    PutU16(out, error);
    return PutSized(out, otherData);
}

std::vector<uint8_t>
DnsTsig::RequestDigestInput(const std::vector<uint8_t>& message) const
{
    std::vector<uint8_t> out(message);
    return AppendVariables(out) ? out : std::vector<uint8_t>();
}

std::vector<uint8_t>
DnsTsig::ResponseDigestInput(const std::vector<uint8_t>& requestMac,
                             const std::vector<uint8_t>& message) const
{
    std::vector<uint8_t> out;
    if (!PutSized(out, requestMac))
    {
        return {};
    }
    out.insert(out.end(), message.begin(), message.end());
    return AppendVariables(out) ? out : std::vector<uint8_t>();
}

bool
DnsTsig::IsHmacSha256() const
{
    return DnsName::Equal(algorithm, HMAC_SHA256);
}

uint64_t
DnsTsig::GetSkew(uint64_t now) const
{
    return now > timeSigned ? now - timeSigned : timeSigned - now;
}

bool
DnsTsig::GetMac(MacTag& tag) const
{
    if (mac.size() != tag.size())
    {
        return false;
    }
    std::copy(mac.begin(), mac.end(), tag.begin());
    return true;
}

void
DnsTsig::SetMac(const MacTag& tag)
{
    mac.assign(tag.begin(), tag.end());
}

bool
DnsTsig::operator==(const DnsTsig& other) const
{
    return keyName == other.keyName && algorithm == other.algorithm &&
           timeSigned == other.timeSigned && fudge == other.fudge && mac == other.mac &&
           originalId == other.originalId && error == other.error && otherData == other.otherData;
}

// --------------------------------------------------------------- message

DnsMessage
DnsMessage::MakeQuery(uint16_t id, const std::string& name, uint16_t type)
{
    DnsMessage m;
    m.id = id;
    m.opcode = QUERY;
    m.questions.push_back(DnsQuestion{name, type, CLASS_IN});
    return m;
}

DnsMessage
DnsMessage::MakeUpdate(uint16_t id, const std::string& zone)
{
    DnsMessage m;
    m.id = id;
    m.opcode = UPDATE;
    m.questions.push_back(DnsQuestion{zone, TYPE_SOA, CLASS_IN});
    return m;
}

DnsMessage
DnsMessage::MakeResponse(const DnsMessage& request, uint8_t rcode)
{
    DnsMessage m;
    m.id = request.id;
    m.qr = true;
    m.opcode = request.opcode;
    m.rd = request.rd;
    m.rcode = rcode;
    m.questions = request.questions;
    return m;
}

std::vector<uint8_t>
DnsMessage::Encode() const
{
    return EncodeMessage(*this, id, true);
}

std::vector<uint8_t>
DnsMessage::EncodeUnsigned(uint16_t withId) const
{
    return EncodeMessage(*this, withId, false);
}

DnsDecodeResult
DnsMessage::Decode(const std::vector<uint8_t>& bytes)
{
    return Decode(bytes.data(), bytes.size());
}

DnsDecodeResult
DnsMessage::Decode(const uint8_t* data, std::size_t size)
{
    DnsDecodeResult result;
    Reader reader(data, data ? size : 0);
    uint16_t counts[4] = {0, 0, 0, 0};
    std::size_t tsigStart = 0;
    DnsMessage& m = result.message;
    bool ok = ReadHeader(reader, m, counts) && ReadQuestions(reader, counts[0], m.questions) &&
              ReadSection(reader, counts[1], m.answers, false, result, tsigStart) &&
              ReadSection(reader, counts[2], m.authorities, false, result, tsigStart) &&
              ReadSection(reader, counts[3], m.additionals, true, result, tsigStart);
    if (ok && !reader.AtEnd())
    {
        reader.Fail(DnsDecodeError::TRAILING_DATA);
        ok = false;
    }
    if (!ok)
    {
        DnsDecodeResult failed;
        failed.error = reader.Error();
        failed.errorOffset = reader.ErrorOffset();
        return failed;
    }
    result.compressed = reader.Compressed();
    if (m.tsig)
    {
        // RFC 8945 4.3.2: the MAC covers the message before the TSIG, with
        // the Original ID and an ARCOUNT that does not count the TSIG.
        result.unsignedBytes.assign(data, data + tsigStart);
        result.unsignedBytes[0] = static_cast<uint8_t>(m.tsig->originalId >> 8);
        result.unsignedBytes[1] = static_cast<uint8_t>(m.tsig->originalId);
        const uint16_t arcount = static_cast<uint16_t>(counts[3] - 1);
        result.unsignedBytes[10] = static_cast<uint8_t>(arcount >> 8);
        result.unsignedBytes[11] = static_cast<uint8_t>(arcount);
    }
    return result;
}

bool
DnsMessage::operator==(const DnsMessage& other) const
{
    return id == other.id && qr == other.qr && opcode == other.opcode && aa == other.aa &&
           tc == other.tc && rd == other.rd && ra == other.ra && z == other.z &&
           rcode == other.rcode && questions == other.questions && answers == other.answers &&
           authorities == other.authorities && additionals == other.additionals &&
           tsig == other.tsig;
}

bool
DnsMessage::operator!=(const DnsMessage& other) const
{
    return !(*this == other);
}

std::string
DnsMessage::GetOpcodeName(uint8_t opcode)
{
    switch (opcode)
    {
    case QUERY:
        return "QUERY";
    case UPDATE:
        return "UPDATE";
    default:
        return "OPCODE" + std::to_string(opcode);
    }
}

std::string
DnsMessage::GetRcodeName(uint16_t rcode)
{
    static const char* const names[] = {"NOERROR",
                                        "FORMERR",
                                        "SERVFAIL",
                                        "NXDOMAIN",
                                        "NOTIMP",
                                        "REFUSED",
                                        "YXDOMAIN",
                                        "YXRRSET",
                                        "NXRRSET",
                                        "NOTAUTH",
                                        "NOTZONE"};
    if (rcode <= NOTZONE)
    {
        return names[rcode];
    }
    switch (rcode)
    {
    case BADSIG:
        return "BADSIG";
    case BADKEY:
        return "BADKEY";
    case BADTIME:
        return "BADTIME";
    case BADTRUNC:
        return "BADTRUNC";
    default:
        return "RCODE" + std::to_string(rcode);
    }
}

bool
DnsDecodeResult::Ok() const
{
    return error == DnsDecodeError::NONE;
}

std::ostream&
operator<<(std::ostream& os, const DnsMessage& m)
{
    os << DnsMessage::GetOpcodeName(m.opcode) << (m.qr ? " response" : " request") << " id " << m.id
       << " " << DnsMessage::GetRcodeName(m.rcode) << (m.aa ? " aa" : "") << ";";
    for (const DnsQuestion& q : m.questions)
    {
        os << " ? " << q.name << " " << q.qclass << " " << q.type << ";";
    }
    for (const auto* section : {&m.answers, &m.authorities, &m.additionals})
    {
        for (const DnsResourceRecord& rr : *section)
        {
            PrintRecord(os, rr);
        }
    }
    if (m.tsig)
    {
        os << " tsig " << m.tsig->keyName << " " << m.tsig->algorithm << " time "
           << m.tsig->timeSigned << " fudge " << m.tsig->fudge << " mac " << m.tsig->mac.size()
           << " bytes, error " << DnsMessage::GetRcodeName(m.tsig->error) << ";";
    }
    return os;
}

std::ostream&
operator<<(std::ostream& os, DnsDecodeError error)
{
    return os << GetDnsDecodeErrorName(error);
}

} // namespace ns3
