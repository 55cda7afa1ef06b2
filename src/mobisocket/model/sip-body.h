/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_BODY_H
#define SIP_BODY_H

#include "crypto-agent.h"
#include "ip-address.h"
#include "mobility-control-header.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The SDP (RFC 4566) that a MobiSocket SIP session carries in its
 *        INVITE and 200 OK: one RFC 4145 TCP media description for the
 *        session's MobiSocket connection, and the sender's Ed25519 public
 *        key, so that each end learns the other's key during call set-up
 *        (the paper's optimization).
 *
 *     v=0
 *     o=mh 1 1 IN IP4 10.1.1.2
 *     s=mobisocket
 *     c=IN IP4 10.1.1.2
 *     t=0 0
 *     m=application 9 TCP mobisocket
 *     a=setup:active
 *     a=connection:new
 *     a=mobisocket-key:<base64 of the 32-byte public key>
 *
 * An IPv6 address is written "IN IP6 2001:db8::1" in o= and c= (RFC 4566,
 * the address in the RFC 5952 form, without brackets); Parse() accepts the
 * c= address only if its address type names its family.
 *
 * ToString() builds the text with oSIP's sdp_message_t and Parse() reads it
 * with sdp_message_parse().
 */
class SipSessionDescription
{
  public:
    /// RFC 4145 "setup" attribute values.
    enum Setup
    {
        ACTIVE = 0,  //!< this end connects
        PASSIVE = 1, //!< this end accepts
        ACTPASS = 2  //!< either
    };

    /// Content-Type of an SDP body.
    static constexpr const char* CONTENT_TYPE = "application/sdp";
    /// The media format name of the MobiSocket connection.
    static constexpr const char* FORMAT = "mobisocket";
    /// The attribute that carries the public key.
    static constexpr const char* KEY_ATTRIBUTE = "mobisocket-key";

    std::string user{"-"};    //!< o= user name
    uint32_t version{1};      //!< o= session id and version
    IpAddress address;        //!< c= and o= address (IP4 or IP6)
    uint16_t port{9};         //!< m= port (9, discard, for an active end: RFC 4145)
    Setup setup{ACTIVE};      //!< a=setup
    bool newConnection{true}; //!< a=connection:new (false: existing)
    Ed25519PublicKey key{};   //!< the sender's public key
    bool hasKey{false};       //!< key is set

    /// \return the SDP text, built with oSIP ("" on failure)
    std::string ToString() const;

    /**
     * \brief Parse an SDP body with oSIP.
     * \param text the body
     * \param[out] sdp what it describes (the first "m=application ... TCP
     *             mobisocket" media)
     * \return false if it does not parse, has no such media, its c= address
     *         is malformed or not of the family its address type names, or
     *         its key is malformed (a missing key is not an error: hasKey is
     *         false)
     */
    static bool Parse(const std::string& text, SipSessionDescription& sdp);

    /**
     * \param setup a setup value
     * \return its RFC 4145 name
     */
    static const char* GetSetupName(Setup setup);
};

/**
 * \ingroup mobisocket
 * \brief The bodies of the MobiSocket INFO requests (RFC 6086 Info Package
 *        "mobisocket-update"): an AddChange or an AddConfirm as readable
 *        text, one "name: value" line per field, the signature in base64.
 *
 *     token: 2f5e0c1b9a7d4e63
 *     sequence: 1
 *     old-address: 10.1.1.2
 *     new-address: 10.1.2.2
 *     new-port: 49153
 *     signature: <base64 of the 64-byte Ed25519 signature>
 *
 * The receiver rebuilds the header from the fields (Decode()) and verifies
 * the signature over its GetSignedBytes(), so a change to any field breaks
 * the signature. Unknown lines are ignored (the paper lets the INFO carry
 * other TCP parameters); a missing, repeated or malformed field makes the
 * body invalid. Addresses are IPv4 dotted quads or IPv6 addresses in the RFC
 * 5952 form without brackets ("new-address: 2001:db8::2"); an AddChange
 * whose old and new addresses are of different families is invalid (a
 * connection does not change family).
 *
 * ParseAddress(), FormatAddress(), FormatHost() and ResolveUri() are the
 * text forms of addresses that every SIP entity of the module uses: in
 * bodies and SDP plain, in URIs and Via sent-by bracketed for IPv6 (RFC 3261
 * section 19.1.1 and 25.1, RFC 5954).
 */
class SipInfoBody
{
  public:
    /// The Info Package name (Info-Package and Recv-Info headers).
    static constexpr const char* INFO_PACKAGE = "mobisocket-update";
    /// Content-Type of an AddChange body.
    static constexpr const char* ADD_CHANGE_TYPE = "application/vnd.mobisocket.addchange";
    /// Content-Type of an AddConfirm body.
    static constexpr const char* ADD_CONFIRM_TYPE = "application/vnd.mobisocket.addconfirm";

    /**
     * \param header an AddChange
     * \return its text
     */
    static std::string Encode(const AddChangeHeader& header);
    /**
     * \param header an AddConfirm
     * \return its text
     */
    static std::string Encode(const AddConfirmHeader& header);
    /**
     * \brief Rebuild an AddChange from its text.
     * \param text the body
     * \param[out] header the message
     * \return false if the text is not a valid AddChange body
     */
    static bool Decode(const std::string& text, AddChangeHeader& header);
    /**
     * \brief Rebuild an AddConfirm from its text.
     * \param text the body
     * \param[out] header the message
     * \return false if the text is not a valid AddConfirm body
     */
    static bool Decode(const std::string& text, AddConfirmHeader& header);

    /**
     * \param data bytes
     * \param size their number
     * \return their base64 (RFC 4648, with padding)
     */
    static std::string EncodeBase64(const uint8_t* data, size_t size);
    /**
     * \brief Decode base64 of a known length.
     * \param text the base64 text
     * \param[out] data where to write
     * \param size the exact number of bytes expected
     * \return false if the text is not base64 of exactly size bytes
     */
    static bool DecodeBase64(const std::string& text, uint8_t* data, size_t size);
    /**
     * \brief Parse a host address strictly: an IPv4 dotted quad (four
     *        decimal parts of at most three digits, each at most 255) or an
     *        IPv6 address as inet_pton(AF_INET6) reads it, without brackets
     *        or zone. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is
     *        refused: it names no IPv6 host.
     * \param text the text
     * \param[out] address the address (unchanged on failure)
     * \return false if text is not such an address
     */
    static bool ParseAddress(const std::string& text, IpAddress& address);
    /**
     * \param address an address
     * \return its text: the dotted quad, or the RFC 5952 form of an IPv6
     *         address (inet_ntop), without brackets
     */
    static std::string FormatAddress(const IpAddress& address);
    /**
     * \param address an address
     * \return its text as the host of a SIP URI or a Via sent-by: the dotted
     *         quad, or FormatAddress() in brackets for IPv6 ("[2001:db8::1]")
     */
    static std::string FormatHost(const IpAddress& address);
    /**
     * \brief Resolve a SIP URI whose host is an IP address.
     * \param uri the URI (an IPv6 host in brackets: sip:user@[2001:db8::1]:5060)
     * \param[out] address its host (unchanged if the host is not an address)
     * \param[out] port its port (5060 if it has none)
     * \return false if the URI does not parse (SipMessage::GetUriHostPort) or
     *         its host is not an address ParseAddress() accepts
     */
    static bool ResolveUri(const std::string& uri, IpAddress& address, uint16_t& port);
};

} // namespace ns3

#endif /* SIP_BODY_H */
