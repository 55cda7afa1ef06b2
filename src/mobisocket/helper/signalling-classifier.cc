/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signalling-classifier.h"

#include "ns3/ipv4-header.h"
#include "ns3/migrate-option.h"
#include "ns3/mobility-control-header.h"
#include "ns3/mobility-demux.h"
#include "ns3/sip-user-agent.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

namespace ns3
{

namespace
{

/**
 * \brief Name a SIP message from the start of its text: the method of a
 *        request, or "<status>/<CSeq method>" of a response.
 * \param text the message
 * \return the name
 */
std::string
SipMessageName(const std::string& text)
{
    std::string firstLine = text.substr(0, text.find("\r\n"));
    if (firstLine.rfind("SIP/2.0 ", 0) != 0)
    {
        return "SIP " + firstLine.substr(0, firstLine.find(' '));
    }
    std::string status = firstLine.substr(8, 3);
    std::string method = "?";
    size_t cseq = text.find("\r\nCSeq:");
    if (cseq != std::string::npos)
    {
        size_t lineEnd = text.find("\r\n", cseq + 2);
        std::string line = text.substr(cseq + 7, lineEnd - cseq - 7);
        size_t space = line.find_last_of(' ');
        method = line.substr(space + 1);
    }
    return "SIP " + status + "/" + method;
}

/**
 * \param type a control message type
 * \return its name
 */
const char*
ControlMessageName(MobilityControlHeader::MessageType type)
{
    switch (type)
    {
    case MobilityControlHeader::ADD_CHANGE:
        return "AddChange";
    case MobilityControlHeader::ADD_CONFIRM:
        return "AddConfirm";
    case MobilityControlHeader::KEY_SHARE:
        return "KeyShare";
    case MobilityControlHeader::REDIRECT_REQUEST:
        return "RedirectRequest";
    case MobilityControlHeader::REDIRECT_ACK:
        return "RedirectAck";
    case MobilityControlHeader::MIGRATE_SYN:
        return "Migrate SYN";
    case MobilityControlHeader::MIGRATE_SYN_ACK:
        return "Migrate SYN/ACK";
    }
    return "?";
}

/// The DNS port (the rendezvous server's default).
constexpr uint16_t DNS_PORT = 53;

/**
 * \brief Name a DNS message from its header's flags (RFC 1035 4.1.1): an
 *        UPDATE (RFC 2136) or a query, and whether it is the response.
 * \param message the UDP payload
 * \return the name ("" if shorter than a DNS header)
 */
std::string
DnsMessageName(Ptr<const Packet> message)
{
    uint8_t header[3];
    if (message->GetSize() < 12 || message->CopyData(header, sizeof(header)) != sizeof(header))
    {
        return "";
    }
    const bool response = header[2] & 0x80;
    const bool update = ((header[2] >> 3) & 0x0f) == 5;
    return std::string(update ? "DNS UPDATE" : "DNS query") + (response ? " response" : "");
}
} // namespace

std::string
SignallingClassifier::Name(Ptr<const Packet> packet)
{
    Ipv4Header ip;
    uint32_t ipSize = packet->PeekHeader(ip);
    if (ip.GetProtocol() == 6)
    {
        // Nearly every packet is a TCP data segment or ACK: only one with URG
        // (or SYN: TCP Migrate's) can carry a control message, so read its
        // flags byte before copying.
        uint8_t head[60 + MobilityDemux::TCP_FLAGS_OFFSET + 1];
        uint32_t size = ipSize + MobilityDemux::TCP_FLAGS_OFFSET + 1;
        if (size > sizeof(head) || packet->CopyData(head, size) != size ||
            !(head[size - 1] & (TcpHeader::URG | TcpHeader::SYN)))
        {
            return "";
        }
    }
    Ptr<Packet> copy = packet->Copy();
    copy->RemoveHeader(ip);
    std::string name;
    if (ip.GetProtocol() == 17)
    {
        UdpHeader udp;
        copy->RemoveHeader(udp);
        if (udp.GetSourcePort() == SipUserAgent::DEFAULT_PORT ||
            udp.GetDestinationPort() == SipUserAgent::DEFAULT_PORT)
        {
            std::string text(copy->GetSize(), '\0');
            copy->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
            name = SipMessageName(text);
        }
        else if (udp.GetDestinationPort() == 67 || udp.GetDestinationPort() == 68)
        {
            name = DHCP;
        }
        else if (udp.GetSourcePort() == DNS_PORT || udp.GetDestinationPort() == DNS_PORT)
        {
            name = DnsMessageName(copy);
        }
        else
        {
            // A mobility daemon's control message over UDP.
            MobilityControlHeader::MessageType type;
            uint64_t token;
            if (MobilityControlHeader::PeekEnvelope(copy, type, token))
            {
                name = std::string("UDP ") + ControlMessageName(type);
            }
        }
    }
    else if (ip.GetProtocol() == 6)
    {
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        MobilityControlHeader::MessageType type;
        uint64_t token;
        std::vector<uint8_t> option;
        if (MobilityControlHeader::PeekEnvelope(copy, type, token))
        {
            name = ControlMessageName(type);
        }
        else if (MigrateOption::Find(tcp, option))
        {
            auto fields = MigrateOption::Decode(option);
            name = fields ? ControlMessageName(fields->type) : "";
        }
    }
    return name;
}

} // namespace ns3
