/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNS_MESSAGE_H
#define DNS_MESSAGE_H

#include "crypto-types.h"

#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Domain names in text form ("host.mobi.example."), as the DNS
 *        classes of the module hold them, and their checks.
 *
 * A name is a sequence of labels (RFC 1035 sections 2.3.1 and 3.1): each 1
 * to 63 bytes, the whole at most 255 bytes in wire format (each label's
 * length byte and bytes, and the final zero byte). The text form separates
 * the labels with dots; the trailing dot is optional on input, "." is the
 * root. This model restricts label bytes to printable ASCII other than '.'
 * and '\\' (0x21-0x7E), so that text and wire forms map one to one without
 * escapes; the decoder refuses any other byte (DnsDecodeError::BAD_LABEL_BYTE).
 * Comparisons are case-insensitive (RFC 1035 section 2.3.3): Canonical()
 * lowers ASCII letters.
 */
class DnsName
{
  public:
    static constexpr std::size_t MAX_LABEL = 63; //!< longest label (RFC 1035 2.3.4)
    static constexpr std::size_t MAX_WIRE = 255; //!< longest name in wire format (RFC 1035 2.3.4)

    /**
     * \brief Split a name in text form into its labels.
     * \param text the name ("a.b.", "a.b" or "." for the root)
     * \param[out] labels its labels (empty for the root)
     * \return false if the text is not a valid name (empty, empty label,
     *         label over 63 bytes, a byte outside 0x21-0x7E or a '\\', over
     *         255 bytes in wire format)
     */
    static bool Split(const std::string& text, std::vector<std::string>& labels);

    /**
     * \param text a name in text form
     * \return true if Split() accepts it
     */
    static bool IsValid(const std::string& text);

    /**
     * \param text a name in text form
     * \return its canonical form (ASCII lower case, with the trailing dot),
     *         or "" if it is not valid
     */
    static std::string Canonical(const std::string& text);

    /**
     * \param name a name (any case, trailing dot optional)
     * \param zone a zone's name (any case, trailing dot optional)
     * \return true if both are valid and name is the zone or below it
     */
    static bool IsInZone(const std::string& name, const std::string& zone);

    /**
     * \param a a name
     * \param b another
     * \return true if both are valid and equal but for ASCII case
     */
    static bool Equal(const std::string& a, const std::string& b);

    /**
     * \param text a valid name
     * \return its length in uncompressed wire format (0 if invalid)
     */
    static std::size_t WireLength(const std::string& text);

    /**
     * \brief Append a name in uncompressed wire format (RFC 1035 3.1).
     * \param text the name
     * \param[out] out where to append it
     * \param canonical lower ASCII letters (RFC 8945 4.3.3 wants the key
     *        and algorithm names in canonical form in the MAC's input)
     * \return false (and nothing appended) if the name is not valid
     */
    static bool Append(const std::string& text, std::vector<uint8_t>& out, bool canonical = false);
};

/**
 * \ingroup mobisocket
 * \brief Why DnsMessage::Decode() refused its input.
 */
enum class DnsDecodeError
{
    NONE = 0,           //!< decoded
    TRUNCATED,          //!< the data ends inside a field (a prefix of a message)
    COUNTS_EXCEED_DATA, //!< a section count promises a record after the last byte
    BAD_LABEL,          //!< a length byte of type 01 or 10: extended or over-long label (> 63)
    BAD_LABEL_BYTE,     //!< a label byte outside what DnsName allows
    NAME_TOO_LONG,      //!< a name of more than 255 bytes (after following pointers)
    BAD_POINTER,        //!< a compression pointer not strictly backwards (loops, forward)
    BAD_RDATA,          //!< RDATA of the wrong length for its type and class
    BAD_TSIG,           //!< a TSIG record with the wrong class or TTL, or an RDATA that does
                        //!< not add up to its length
    TSIG_NOT_LAST,      //!< a TSIG record that is not the single last additional record
    TRAILING_DATA,      //!< bytes after the last record the counts announce
};

/**
 * \param error a decode error
 * \return its name ("truncated", ...)
 */
const char* GetDnsDecodeErrorName(DnsDecodeError error);

/**
 * \ingroup mobisocket
 * \brief One entry of the question section (in an UPDATE: the zone
 *        section, RFC 2136 2.3).
 */
struct DnsQuestion
{
    std::string name;   //!< QNAME (ZNAME)
    uint16_t type{1};   //!< QTYPE (ZTYPE: SOA in an UPDATE)
    uint16_t qclass{1}; //!< QCLASS (ZCLASS)

    /**
     * \param other another question
     * \return true if every field is equal (names compared as bytes)
     */
    bool operator==(const DnsQuestion& other) const;
};

/**
 * \ingroup mobisocket
 * \brief A resource record (RFC 1035 3.2.1), also in RFC 2136's forms for
 *        the update section. RDATA is kept as bytes; only type A is
 *        interpreted (GetIpv4()).
 */
struct DnsResourceRecord
{
    std::string name;           //!< owner name
    uint16_t type{1};           //!< TYPE
    uint16_t rrClass{1};        //!< CLASS
    uint32_t ttl{0};            //!< TTL (s)
    std::vector<uint8_t> rdata; //!< RDATA

    /**
     * \param name the owner
     * \param address the address
     * \param ttl the TTL (s)
     * \return an A record of class IN (RFC 1035 3.4.1; in an UPDATE: "add to
     *         an RRset", RFC 2136 2.5.1)
     */
    static DnsResourceRecord MakeA(const std::string& name, Ipv4Address address, uint32_t ttl);

    /**
     * \param name the owner
     * \param type the RRset's type
     * \return "delete an RRset" (RFC 2136 2.5.2): class ANY, TTL 0, no RDATA
     */
    static DnsResourceRecord MakeDeleteRrset(const std::string& name, uint16_t type);

    /**
     * \param name the owner
     * \return "delete all RRsets from a name" (RFC 2136 2.5.3): class and
     *         type ANY, TTL 0, no RDATA
     */
    static DnsResourceRecord MakeDeleteName(const std::string& name);

    /**
     * \param name the owner
     * \param address the address
     * \return "delete an RR from an RRset" (RFC 2136 2.5.4): class NONE,
     *         TTL 0, the A record's RDATA
     */
    static DnsResourceRecord MakeDeleteA(const std::string& name, Ipv4Address address);

    /**
     * \param[out] address the record's address
     * \return true if this is a type A record with 4 bytes of RDATA
     */
    bool GetIpv4(Ipv4Address& address) const;

    /**
     * \param other another record
     * \return true if every field is equal (names compared as bytes)
     */
    bool operator==(const DnsResourceRecord& other) const;
};

/**
 * \ingroup mobisocket
 * \brief A TSIG record (RFC 8945 4.2): the transaction signature, last in
 *        the additional section.
 *
 * Only hmac-sha256 (RFC 8945 6) is used by the module. The MAC is computed
 * by the caller (CryptoAgent::Mac) over RequestDigestInput() or
 * ResponseDigestInput().
 */
struct DnsTsig
{
    static constexpr const char* HMAC_SHA256 = "hmac-sha256.";    //!< the algorithm's name
    static constexpr uint64_t MAX_TIME = (uint64_t(1) << 48) - 1; //!< Time Signed is 48 bits

    std::string keyName;                //!< the record's owner: the key's name
    std::string algorithm{HMAC_SHA256}; //!< Algorithm Name
    uint64_t timeSigned{0};             //!< Time Signed (s since 1970, 48 bits)
    uint16_t fudge{300};                //!< Fudge (s)
    std::vector<uint8_t> mac;           //!< MAC (MAC Size is its length)
    uint16_t originalId{0};             //!< Original ID
    uint16_t error{0};                  //!< Error (an extended RCODE: BADSIG, ...)
    std::vector<uint8_t> otherData;     //!< Other Data (BADTIME: the server's time)

    /**
     * \brief The MAC's input for a request (RFC 8945 4.3.3): the message
     *        without its TSIG record (ID = Original ID, ARCOUNT not counting
     *        the TSIG), then the TSIG variables.
     * \param message the message's bytes without the TSIG record
     * \return the bytes to MAC (empty if a name is not valid)
     */
    std::vector<uint8_t> RequestDigestInput(const std::vector<uint8_t>& message) const;

    /**
     * \brief The MAC's input for a response (RFC 8945 4.3.1): the request's
     *        MAC (MAC Size and MAC), then as RequestDigestInput().
     * \param requestMac the request's MAC
     * \param message the response's bytes without the TSIG record
     * \return the bytes to MAC (empty if a name is not valid)
     */
    std::vector<uint8_t> ResponseDigestInput(const std::vector<uint8_t>& requestMac,
                                             const std::vector<uint8_t>& message) const;

    /// \return true if the algorithm is hmac-sha256 (any case)
    bool IsHmacSha256() const;

    /**
     * \param now a clock's time (s since 1970)
     * \return how far Time Signed is from it, either way (s)
     */
    uint64_t GetSkew(uint64_t now) const;

    /**
     * \param[out] tag the MAC as an HMAC-SHA256 tag
     * \return false (tag unchanged) if the MAC is not 32 bytes long
     */
    bool GetMac(MacTag& tag) const;

    /**
     * \param tag an HMAC-SHA256 tag to use as the MAC
     */
    void SetMac(const MacTag& tag);

    /**
     * \param other another TSIG
     * \return true if every field is equal
     */
    bool operator==(const DnsTsig& other) const;

    /**
     * \brief The TSIG variables (RFC 8945 4.3.3), appended.
     * \param[out] out where to append them
     * \return false if a name is not valid
     */
    bool AppendVariables(std::vector<uint8_t>& out) const;
};

struct DnsDecodeResult;

/**
 * \ingroup mobisocket
 * \brief A DNS message (RFC 1035 4.1), with the UPDATE opcode's reading of
 *        its sections (RFC 2136 2) and a TSIG record (RFC 8945).
 *
 * Encode() writes names uncompressed, which RFC 1035 4.1.4 allows ("programs
 * are free to avoid using pointers in messages they generate"), so the
 * lengths of the module's messages are fixed by their names. Decode()
 * follows compression pointers (RFC 1035 4.1.4) only strictly backwards:
 * each pointer must point before the first byte of the labels read since the
 * previous one (or since the name's start), which makes every loop, and every
 * forward pointer, an error, and also bounds the name at 255 bytes. It never
 * reads outside the data it is given; see DnsDecodeError for what it refuses.
 * Trailing bytes after the records the counts announce are refused (as BIND
 * does: a FORMERR), a choice: RFC 1035 says nothing about them.
 *
 * A TSIG record is held apart (tsig) and encoded as the last additional
 * record, as RFC 8945 5.1 requires; ARCOUNT counts it.
 */
struct DnsMessage
{
    /// Opcodes (RFC 1035 4.1.1, RFC 2136 1.3).
    enum Opcode : uint8_t
    {
        QUERY = 0, //!< standard query
        UPDATE = 5 //!< dynamic update
    };

    /// RCODEs (RFC 1035 4.1.1, RFC 2136 2.2) and TSIG errors (RFC 8945 3).
    enum Rcode : uint16_t
    {
        NOERROR = 0,   //!< no error
        FORMERR = 1,   //!< format error
        SERVFAIL = 2,  //!< server failure
        NXDOMAIN = 3,  //!< the name does not exist
        NOTIMP = 4,    //!< not implemented
        REFUSED = 5,   //!< refused for policy
        YXDOMAIN = 6,  //!< a name exists that should not
        YXRRSET = 7,   //!< an RRset exists that should not
        NXRRSET = 8,   //!< an RRset does not exist that should
        NOTAUTH = 9,   //!< not authoritative for the zone; TSIG failures
        NOTZONE = 10,  //!< a name outside the zone
        BADSIG = 16,   //!< TSIG error: the MAC does not verify
        BADKEY = 17,   //!< TSIG error: unknown key or algorithm
        BADTIME = 18,  //!< TSIG error: outside the time window
        BADTRUNC = 22, //!< TSIG error: bad truncation
    };

    /// Record types used by the module (RFC 1035 3.2.2, 3.2.3; RFC 8945).
    enum Type : uint16_t
    {
        TYPE_A = 1,      //!< a host address
        TYPE_SOA = 6,    //!< start of authority (the zone section's ZTYPE)
        TYPE_TSIG = 250, //!< transaction signature
        TYPE_ANY = 255   //!< any type ("*")
    };

    /// Record classes used by the module (RFC 1035 3.2.4, 3.2.5; RFC 2136 2.4).
    enum Class : uint16_t
    {
        CLASS_IN = 1,     //!< the Internet
        CLASS_NONE = 254, //!< NONE (RFC 2136: delete an RR)
        CLASS_ANY = 255   //!< ANY (RFC 2136: delete an RRset or a name; TSIG's class)
    };

    static constexpr std::size_t HEADER_SIZE = 12; //!< bytes of the header

    uint16_t id{0};         //!< ID
    bool qr{false};         //!< QR: a response
    uint8_t opcode{QUERY};  //!< Opcode (4 bits)
    bool aa{false};         //!< AA: authoritative answer
    bool tc{false};         //!< TC: truncated
    bool rd{false};         //!< RD: recursion desired
    bool ra{false};         //!< RA: recursion available
    uint8_t z{0};           //!< the three bits between RA and RCODE (Z, AD, CD), kept as read
    uint8_t rcode{NOERROR}; //!< RCODE (4 bits)

    std::vector<DnsQuestion> questions;         //!< question section (UPDATE: zone)
    std::vector<DnsResourceRecord> answers;     //!< answer section (UPDATE: prerequisites)
    std::vector<DnsResourceRecord> authorities; //!< authority section (UPDATE: updates)
    std::vector<DnsResourceRecord> additionals; //!< additional section, without the TSIG
    std::optional<DnsTsig> tsig;                //!< the TSIG record, if any

    /**
     * \param id the ID
     * \param name the name asked for
     * \param type the type asked for
     * \return a QUERY with one question of class IN (RD clear: the server
     *         is authoritative)
     */
    static DnsMessage MakeQuery(uint16_t id, const std::string& name, uint16_t type);

    /**
     * \param id the ID
     * \param zone the zone updated
     * \return an UPDATE with its zone section (ZTYPE SOA, ZCLASS IN; RFC
     *         2136 2.3) and nothing else
     */
    static DnsMessage MakeUpdate(uint16_t id, const std::string& zone);

    /**
     * \param request a request
     * \param rcode the response's RCODE
     * \return its response: same ID, opcode and RD, QR set, the question
     *         (zone) section echoed, no records
     */
    static DnsMessage MakeResponse(const DnsMessage& request, uint8_t rcode);

    /**
     * \brief Encode in wire format, names uncompressed, the TSIG (if any)
     *        last.
     * \return the bytes, or an empty vector if the message cannot be
     *         encoded (a name that is not valid, a section or RDATA over
     *         65,535 entries or bytes, an opcode or RCODE out of range, a
     *         Time Signed over 48 bits)
     */
    std::vector<uint8_t> Encode() const;

    /**
     * \brief Encode without the TSIG record (ARCOUNT not counting it) and
     *        with the given ID: what RFC 8945 4.3 MACs.
     * \param id the ID to write (the TSIG's Original ID)
     * \return the bytes, or empty as Encode()
     */
    std::vector<uint8_t> EncodeUnsigned(uint16_t id) const;

    /**
     * \brief Decode a message in wire format.
     * \param data the bytes
     * \param size how many
     * \return the message, or why it was refused
     */
    static DnsDecodeResult Decode(const uint8_t* data, std::size_t size);

    /**
     * \brief Decode a message in wire format.
     * \param bytes the bytes
     * \return the message, or why it was refused
     */
    static DnsDecodeResult Decode(const std::vector<uint8_t>& bytes);

    /**
     * \param other another message
     * \return true if every field is equal
     */
    bool operator==(const DnsMessage& other) const;

    /**
     * \param other another message
     * \return true if a field differs
     */
    bool operator!=(const DnsMessage& other) const;

    /**
     * \param opcode an opcode
     * \return its name ("QUERY", "UPDATE", or the number)
     */
    static std::string GetOpcodeName(uint8_t opcode);

    /**
     * \param rcode an RCODE or TSIG error
     * \return its name ("NOERROR", "NOTAUTH", "BADSIG", or the number)
     */
    static std::string GetRcodeName(uint16_t rcode);
};

/**
 * \ingroup mobisocket
 * \brief What DnsMessage::Decode() returns.
 */
struct DnsDecodeResult
{
    DnsDecodeError error{DnsDecodeError::NONE}; //!< NONE if decoded
    std::size_t errorOffset{0};                 //!< where the error was found
    DnsMessage message;                         //!< the message (valid if no error)
    bool compressed{false};                     //!< a name used a compression pointer
    /**
     * The message as its TSIG's MAC covers it (RFC 8945 4.3.2): the bytes
     * before the TSIG record, the ID replaced by the Original ID and ARCOUNT
     * decreased by one. Empty without a TSIG.
     */
    std::vector<uint8_t> unsignedBytes;

    /// \return true if the message decoded
    bool Ok() const;
};

/**
 * \brief Print a message on one line (header, counts, records, TSIG).
 * \param os the stream
 * \param message the message
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const DnsMessage& message);

/**
 * \brief Print a decode error's name.
 * \param os the stream
 * \param error the error
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, DnsDecodeError error);

} // namespace ns3

#endif /* DNS_MESSAGE_H */
