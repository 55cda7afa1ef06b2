/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "sip-body.h"

#include "sip-message.h"

#include "ns3/log.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <map>
#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>
#include <sodium.h>
#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSipBody");

namespace
{

/**
 * \param value a value
 * \return an oSIP-owned copy of its text
 */
char*
Dup(const std::string& value)
{
    return osip_strdup(value.c_str());
}

/**
 * \brief Parse an unsigned decimal or hexadecimal number strictly.
 * \param text the digits
 * \param base 10 or 16
 * \param maxDigits the most digits accepted
 * \param[out] value the number
 * \return false if text is not such a number
 */
bool
ParseUnsigned(const std::string& text, int base, size_t maxDigits, uint64_t& value)
{
    if (text.empty() || text.size() > maxDigits)
    {
        return false;
    }
    value = 0;
    for (char c : text)
    {
        int digit;
        if (c >= '0' && c <= '9')
        {
            digit = c - '0';
        }
        else if (base == 16 && c >= 'a' && c <= 'f')
        {
            digit = c - 'a' + 10;
        }
        else if (base == 16 && c >= 'A' && c <= 'F')
        {
            digit = c - 'A' + 10;
        }
        else
        {
            return false;
        }
        value = value * base + digit;
    }
    return true;
}

/**
 * \brief Split a body into its "name: value" fields.
 * \param text the body
 * \param[out] fields the fields by name
 * \return false if a line is malformed or a name repeats
 */
bool
SplitFields(const std::string& text, std::map<std::string, std::string>& fields)
{
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (line.empty())
        {
            continue;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
        {
            return false;
        }
        std::string name = line.substr(0, colon);
        size_t start = line.find_first_not_of(" \t", colon + 1);
        std::string value = start == std::string::npos ? "" : line.substr(start);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        {
            value.pop_back();
        }
        if (!fields.emplace(name, value).second)
        {
            return false;
        }
    }
    return true;
}

/**
 * \brief Write the fields common to both messages.
 * \param os the output
 * \param header the message
 */
void
EncodeCommon(std::ostream& os, const MobilityControlHeader& header)
{
    char token[17];
    snprintf(token, sizeof(token), "%016llx", static_cast<unsigned long long>(header.GetToken()));
    os << "token: " << token << "\r\n";
    os << "sequence: " << header.GetSequence() << "\r\n";
}

/**
 * \brief Read the fields common to both messages.
 * \param fields the fields
 * \param[out] header the message
 * \return false if one is missing or malformed
 */
bool
DecodeCommon(const std::map<std::string, std::string>& fields, MobilityControlHeader& header)
{
    auto token = fields.find("token");
    auto sequence = fields.find("sequence");
    auto signature = fields.find("signature");
    uint64_t tokenValue = 0;
    uint64_t sequenceValue = 0;
    if (token == fields.end() || sequence == fields.end() || signature == fields.end() ||
        !ParseUnsigned(token->second, 16, 16, tokenValue) ||
        !ParseUnsigned(sequence->second, 10, 10, sequenceValue) || sequenceValue > 0xffffffffULL)
    {
        return false;
    }
    Ed25519Signature bytes{};
    if (!SipInfoBody::DecodeBase64(signature->second, bytes.data(), bytes.size()))
    {
        return false;
    }
    header.SetToken(tokenValue);
    header.SetSequence(static_cast<uint32_t>(sequenceValue));
    header.SetSignature(bytes);
    return true;
}

/**
 * \brief Read an address field.
 * \param fields the fields
 * \param addressName the address field's name
 * \param[out] address the address
 * \return false if missing or malformed
 */
bool
DecodeAddress(const std::map<std::string, std::string>& fields,
              const std::string& addressName,
              IpAddress& address)
{
    auto it = fields.find(addressName);
    return it != fields.end() && SipInfoBody::ParseAddress(it->second, address);
}

/**
 * \brief Parse a dotted-quad IPv4 address strictly.
 * \param text the text
 * \param[out] address the address
 * \return false if text is not four decimal parts of at most three digits,
 *         each at most 255
 */
bool
ParseDottedQuad(const std::string& text, Ipv4Address& address)
{
    uint32_t value = 0;
    size_t position = 0;
    for (int part = 0; part < 4; ++part)
    {
        size_t dot = part < 3 ? text.find('.', position) : text.size();
        if (dot == std::string::npos)
        {
            return false;
        }
        uint64_t octet = 0;
        if (!ParseUnsigned(text.substr(position, dot - position), 10, 3, octet) || octet > 255)
        {
            return false;
        }
        value = (value << 8) | static_cast<uint32_t>(octet);
        position = dot + 1;
    }
    address = Ipv4Address(value);
    return true;
}

/**
 * \param family an address family
 * \return its SDP address type (RFC 4566 section 5.7)
 */
const char*
SdpAddressType(IpAddress::Family family)
{
    return family == IpAddress::IPV6 ? "IP6" : "IP4";
}

/**
 * \brief Read the port field.
 * \param fields the fields
 * \param[out] port the port
 * \return false if missing or malformed
 */
bool
DecodePort(const std::map<std::string, std::string>& fields, uint16_t& port)
{
    auto it = fields.find("new-port");
    uint64_t value = 0;
    // Port 0 is refused as the binary messages refuse it (DeserializeBody).
    if (it == fields.end() || !ParseUnsigned(it->second, 10, 5, value) || value == 0 ||
        value > 65535)
    {
        return false;
    }
    port = static_cast<uint16_t>(value);
    return true;
}

} // namespace

// ---------------------------------------------------------------------------
// SipSessionDescription

const char*
SipSessionDescription::GetSetupName(Setup setup)
{
    switch (setup)
    {
    case ACTIVE:
        return "active";
    case PASSIVE:
        return "passive";
    case ACTPASS:
        return "actpass";
    }
    return "?";
}

std::string
SipSessionDescription::ToString() const
{
    SipMessage::InitializeParser();
    sdp_message_t* sdp = nullptr;
    if (sdp_message_init(&sdp) != OSIP_SUCCESS)
    {
        return "";
    }
    std::string ip = SipInfoBody::FormatAddress(address);
    const char* type = SdpAddressType(address.GetFamily());
    std::string version = std::to_string(this->version);
    sdp_message_v_version_set(sdp, Dup("0"));
    sdp_message_o_origin_set(sdp,
                             Dup(user.empty() ? "-" : user),
                             Dup(version),
                             Dup(version),
                             Dup("IN"),
                             Dup(type),
                             Dup(ip));
    sdp_message_s_name_set(sdp, Dup("mobisocket"));
    sdp_message_c_connection_add(sdp, -1, Dup("IN"), Dup(type), Dup(ip), nullptr, nullptr);
    sdp_message_t_time_descr_add(sdp, Dup("0"), Dup("0"));
    sdp_message_m_media_add(sdp,
                            Dup("application"),
                            Dup(std::to_string(port)),
                            nullptr,
                            Dup("TCP"));
    sdp_message_m_payload_add(sdp, 0, Dup(FORMAT));
    sdp_message_a_attribute_add(sdp, 0, Dup("setup"), Dup(GetSetupName(setup)));
    sdp_message_a_attribute_add(sdp, 0, Dup("connection"), Dup(newConnection ? "new" : "existing"));
    if (hasKey)
    {
        sdp_message_a_attribute_add(sdp,
                                    0,
                                    Dup(KEY_ATTRIBUTE),
                                    Dup(SipInfoBody::EncodeBase64(key.data(), key.size())));
    }
    char* text = nullptr;
    std::string result;
    if (sdp_message_to_str(sdp, &text) == OSIP_SUCCESS && text != nullptr)
    {
        result = text;
        osip_free(text);
    }
    else
    {
        NS_LOG_WARN("oSIP cannot write the SDP");
    }
    sdp_message_free(sdp);
    return result;
}

bool
SipSessionDescription::Parse(const std::string& text, SipSessionDescription& result)
{
    SipMessage::InitializeParser();
    if (text.empty() || text.find('\0') != std::string::npos)
    {
        return false;
    }
    sdp_message_t* sdp = nullptr;
    if (sdp_message_init(&sdp) != OSIP_SUCCESS)
    {
        return false;
    }
    // oSIP 5.3.0's sdp_message_parse() reads past the terminating NUL when
    // the text ends with an "m=" line whose last token ends with a lone LF or
    // CR (sdp_message_parse_m looks for a space from the character after
    // it): parse a copy followed by spare NULs.
    std::string padded(text);
    padded.append(4, '\0');
    if (sdp_message_parse(sdp, padded.c_str()) != OSIP_SUCCESS)
    {
        NS_LOG_INFO("oSIP cannot parse the SDP");
        sdp_message_free(sdp);
        return false;
    }
    bool found = false;
    bool ok = true;
    SipSessionDescription parsed;
    const char* user = sdp_message_o_username_get(sdp);
    parsed.user = user ? user : "-";
    uint64_t version = 0;
    const char* versionText = sdp_message_o_sess_version_get(sdp);
    if (versionText && ParseUnsigned(versionText, 10, 10, version) && version <= 0xffffffffULL)
    {
        parsed.version = static_cast<uint32_t>(version);
    }
    for (int m = 0; !found && sdp_message_m_media_get(sdp, m) != nullptr; ++m)
    {
        const char* media = sdp_message_m_media_get(sdp, m);
        const char* proto = sdp_message_m_proto_get(sdp, m);
        const char* format = sdp_message_m_payload_get(sdp, m, 0);
        if (std::string(media) != "application" || proto == nullptr ||
            std::string(proto) != "TCP" || format == nullptr || std::string(format) != FORMAT)
        {
            continue;
        }
        found = true;
        uint64_t port = 0;
        const char* portText = sdp_message_m_port_get(sdp, m);
        if (portText == nullptr || !ParseUnsigned(portText, 10, 5, port) || port > 65535)
        {
            ok = false;
            break;
        }
        parsed.port = static_cast<uint16_t>(port);
        // Media-level c= first, session-level otherwise; its address type
        // must name the family of its address.
        int level = sdp_message_c_addr_get(sdp, m, 0) != nullptr ? m : -1;
        const char* addr = sdp_message_c_addr_get(sdp, level, 0);
        const char* addrType = sdp_message_c_addrtype_get(sdp, level, 0);
        if (addr == nullptr || addrType == nullptr ||
            !SipInfoBody::ParseAddress(addr, parsed.address) ||
            std::string(addrType) != SdpAddressType(parsed.address.GetFamily()))
        {
            ok = false;
            break;
        }
        for (int a = 0; sdp_message_attribute_get(sdp, m, a) != nullptr; ++a)
        {
            sdp_attribute_t* attribute = sdp_message_attribute_get(sdp, m, a);
            std::string field = attribute->a_att_field ? attribute->a_att_field : "";
            std::string value = attribute->a_att_value ? attribute->a_att_value : "";
            if (field == "setup")
            {
                parsed.setup = value == "passive" ? PASSIVE : value == "actpass" ? ACTPASS : ACTIVE;
            }
            else if (field == "connection")
            {
                parsed.newConnection = value != "existing";
            }
            else if (field == KEY_ATTRIBUTE)
            {
                if (!SipInfoBody::DecodeBase64(value, parsed.key.data(), parsed.key.size()))
                {
                    ok = false;
                }
                parsed.hasKey = ok;
            }
        }
    }
    sdp_message_free(sdp);
    if (!found || !ok)
    {
        NS_LOG_INFO("the SDP has no valid MobiSocket TCP media description");
        return false;
    }
    result = parsed;
    return true;
}

// ---------------------------------------------------------------------------
// SipInfoBody

std::string
SipInfoBody::EncodeBase64(const uint8_t* data, size_t size)
{
    std::vector<char> text(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL));
    sodium_bin2base64(text.data(), text.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    return std::string(text.data());
}

bool
SipInfoBody::DecodeBase64(const std::string& text, uint8_t* data, size_t size)
{
    std::vector<uint8_t> bytes(size + 3);
    size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(),
                          bytes.size(),
                          text.c_str(),
                          text.size(),
                          nullptr,
                          &length,
                          &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.c_str() + text.size() || length != size)
    {
        return false;
    }
    std::copy(bytes.begin(), bytes.begin() + size, data);
    return true;
}

bool
SipInfoBody::ParseAddress(const std::string& text, IpAddress& address)
{
    if (text.find(':') == std::string::npos)
    {
        Ipv4Address ipv4;
        if (!ParseDottedQuad(text, ipv4))
        {
            return false;
        }
        address = ipv4;
        return true;
    }
    uint8_t bytes[16];
    if (text.find('\0') != std::string::npos || inet_pton(AF_INET6, text.c_str(), bytes) != 1)
    {
        return false;
    }
    IpAddress ipv6(Ipv6Address{bytes});
    if (ipv6.IsIpv4Mapped())
    {
        NS_LOG_INFO("'" << text << "' is an IPv4-mapped IPv6 address, not a host's address");
        return false;
    }
    address = ipv6;
    return true;
}

std::string
SipInfoBody::FormatAddress(const IpAddress& address)
{
    if (!address.IsIpv6())
    {
        std::ostringstream os;
        os << address.GetIpv4();
        return os.str();
    }
    uint8_t bytes[16];
    address.GetIpv6().GetBytes(bytes);
    char text[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, bytes, text, sizeof(text)) ? text : "";
}

std::string
SipInfoBody::FormatHost(const IpAddress& address)
{
    std::string text = FormatAddress(address);
    return address.IsIpv6() ? "[" + text + "]" : text;
}

bool
SipInfoBody::ResolveUri(const std::string& uri, IpAddress& address, uint16_t& port)
{
    // oSIP keeps an IPv6 reference's host without its brackets, and
    // GetUriHostPort refuses one written without them.
    std::string host;
    return SipMessage::GetUriHostPort(uri, host, port) && ParseAddress(host, address);
}

std::string
SipInfoBody::Encode(const AddChangeHeader& header)
{
    std::ostringstream os;
    EncodeCommon(os, header);
    os << "old-address: " << FormatAddress(header.GetOldAddress()) << "\r\n";
    os << "new-address: " << FormatAddress(header.GetNewAddress()) << "\r\n";
    os << "new-port: " << header.GetNewPort() << "\r\n";
    os << "signature: " << EncodeBase64(header.GetSignature().data(), header.GetSignature().size())
       << "\r\n";
    return os.str();
}

std::string
SipInfoBody::Encode(const AddConfirmHeader& header)
{
    std::ostringstream os;
    EncodeCommon(os, header);
    os << "new-address: " << FormatAddress(header.GetNewAddress()) << "\r\n";
    os << "new-port: " << header.GetNewPort() << "\r\n";
    os << "signature: " << EncodeBase64(header.GetSignature().data(), header.GetSignature().size())
       << "\r\n";
    return os.str();
}

bool
SipInfoBody::Decode(const std::string& text, AddChangeHeader& header)
{
    std::map<std::string, std::string> fields;
    AddChangeHeader parsed;
    IpAddress oldAddress;
    IpAddress newAddress;
    uint16_t port = 0;
    if (!SplitFields(text, fields) || !DecodeCommon(fields, parsed) ||
        !DecodeAddress(fields, "old-address", oldAddress) ||
        !DecodeAddress(fields, "new-address", newAddress) || !DecodePort(fields, port))
    {
        NS_LOG_INFO("malformed AddChange body");
        return false;
    }
    if (oldAddress.GetFamily() != newAddress.GetFamily())
    {
        NS_LOG_INFO("AddChange body refused: old-address " << oldAddress << " and new-address "
                                                           << newAddress
                                                           << " are of different families");
        return false;
    }
    parsed.SetOldAddress(oldAddress);
    parsed.SetNewAddress(newAddress);
    parsed.SetNewPort(port);
    header = parsed;
    return true;
}

bool
SipInfoBody::Decode(const std::string& text, AddConfirmHeader& header)
{
    std::map<std::string, std::string> fields;
    AddConfirmHeader parsed;
    IpAddress newAddress;
    uint16_t port = 0;
    if (!SplitFields(text, fields) || !DecodeCommon(fields, parsed) ||
        !DecodeAddress(fields, "new-address", newAddress) || !DecodePort(fields, port))
    {
        NS_LOG_INFO("malformed AddConfirm body");
        return false;
    }
    parsed.SetNewAddress(newAddress);
    parsed.SetNewPort(port);
    header = parsed;
    return true;
}

} // namespace ns3
