/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobility-control-header.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/packet.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketControlHeader");

NS_OBJECT_ENSURE_REGISTERED(MobilityControlHeader);
NS_OBJECT_ENSURE_REGISTERED(AddressUpdateHeader);
NS_OBJECT_ENSURE_REGISTERED(AddressConfirmHeader);
NS_OBJECT_ENSURE_REGISTERED(AddChangeHeader);
NS_OBJECT_ENSURE_REGISTERED(AddConfirmHeader);
NS_OBJECT_ENSURE_REGISTERED(RedirectRequestHeader);
NS_OBJECT_ENSURE_REGISTERED(RedirectAckHeader);
NS_OBJECT_ENSURE_REGISTERED(MigrateSynHeader);
NS_OBJECT_ENSURE_REGISTERED(MigrateSynAckHeader);
NS_OBJECT_ENSURE_REGISTERED(KeyShareHeader);

TypeId
MobilityControlHeader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobilityControlHeader").SetParent<Header>().SetGroupName("MobiSocket");
    return tid;
}

bool
MobilityControlHeader::PeekEnvelope(Ptr<const Packet> payload, MessageType& type, uint64_t& token)
{
    if (!payload || payload->GetSize() < COMMON_SIZE)
    {
        return false;
    }
    uint8_t bytes[COMMON_SIZE];
    payload->CopyData(bytes, COMMON_SIZE);
    Buffer buffer;
    buffer.AddAtStart(COMMON_SIZE);
    buffer.Begin().Write(bytes, COMMON_SIZE);
    Buffer::Iterator i = buffer.Begin();
    if (i.ReadNtohU32() != MAGIC)
    {
        return false;
    }
    uint8_t t = i.ReadU8();
    if (t < ADD_CHANGE || t > REDIRECT_ACK || i.ReadU8() != VERSION)
    {
        return false;
    }
    i.Next(2); // family and reserved are checked by Deserialize()
    type = static_cast<MessageType>(t);
    token = i.ReadNtohU64();
    return true;
}

std::vector<uint8_t>
MobilityControlHeader::GetBytes() const
{
    Buffer buffer;
    buffer.AddAtStart(GetSerializedSize());
    Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(GetSerializedSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

Ptr<Packet>
MobilityControlHeader::ToPacket() const
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(*this);
    return packet;
}

void
MobilityControlHeader::SetToken(uint64_t token)
{
    m_token = token;
}

uint64_t
MobilityControlHeader::GetToken() const
{
    return m_token;
}

void
MobilityControlHeader::SetSequence(uint32_t sequence)
{
    m_sequence = sequence;
}

uint32_t
MobilityControlHeader::GetSequence() const
{
    return m_sequence;
}

void
MobilityControlHeader::SetSignature(const Ed25519Signature& signature)
{
    NS_ABORT_MSG_UNLESS(GetAuthenticatorSize() == SIGNATURE_SIZE,
                        "this message type is not signed");
    m_authenticator.assign(signature.begin(), signature.end());
}

Ed25519Signature
MobilityControlHeader::GetSignature() const
{
    Ed25519Signature signature{};
    std::copy_n(m_authenticator.begin(),
                std::min<size_t>(m_authenticator.size(), signature.size()),
                signature.begin());
    return signature;
}

void
MobilityControlHeader::SetMac(const MacTag& tag)
{
    const uint32_t size = GetAuthenticatorSize();
    NS_ABORT_MSG_UNLESS(size == MAC_SIZE || size == MIGRATE_TAG_SIZE,
                        "this message type carries no MAC");
    // A shorter field carries the tag's first bytes (a truncated HMAC).
    m_authenticator.assign(tag.begin(), tag.begin() + size);
}

MacTag
MobilityControlHeader::GetMac() const
{
    MacTag tag{};
    std::copy_n(m_authenticator.begin(),
                std::min<size_t>(m_authenticator.size(), tag.size()),
                tag.begin());
    return tag;
}

bool
MobilityControlHeader::IsWellFormed() const
{
    return m_wellFormed;
}

uint32_t
MobilityControlHeader::GetSerializedSize() const
{
    return COMMON_SIZE + GetBodySize() + GetAuthenticatorSize();
}

std::vector<uint8_t>
MobilityControlHeader::GetSignedBytes() const
{
    std::vector<uint8_t> bytes = GetBytes();
    bytes.resize(COMMON_SIZE + GetBodySize());
    return bytes;
}

MobilityControlHeader::MessageType
MobilityControlHeader::GetConfirmType(MessageType type)
{
    switch (type)
    {
    case ADD_CHANGE:
        return ADD_CONFIRM;
    case REDIRECT_REQUEST:
        return REDIRECT_ACK;
    case MIGRATE_SYN:
        return MIGRATE_SYN_ACK;
    default:
        return type;
    }
}

void
MobilityControlHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(MAGIC);
    i.WriteU8(GetMessageType());
    i.WriteU8(VERSION);
    i.WriteU8(GetFamily());
    i.WriteU8(0);
    i.WriteHtonU64(m_token);
    i.WriteHtonU32(m_sequence);
    SerializeBody(i);
    std::vector<uint8_t> authenticator = m_authenticator;
    authenticator.resize(GetAuthenticatorSize(), 0);
    if (!authenticator.empty())
    {
        i.Write(authenticator.data(), authenticator.size());
    }
}

uint32_t
MobilityControlHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_wellFormed = false;
    // The family byte sets the body's size: read it before the size check.
    const uint32_t familyOffset = 6;
    if (i.GetRemainingSize() <= familyOffset)
    {
        return 0;
    }
    Buffer::Iterator family = i;
    family.Next(familyOffset);
    if (!AcceptFamily(family.ReadU8()))
    {
        NS_LOG_LOGIC("control message with a family this type cannot carry");
        return 0;
    }
    if (i.GetRemainingSize() < GetSerializedSize())
    {
        NS_LOG_LOGIC("truncated control message: " << i.GetRemainingSize() << " of "
                                                   << GetSerializedSize() << " bytes");
        return 0;
    }
    // The reserved byte must be 0: Serialize() writes 0, and the
    // authenticator covers the re-serialized bytes (GetSignedBytes()), so
    // another value would be accepted, and verified, as if it were 0.
    if (i.ReadNtohU32() != MAGIC || i.ReadU8() != GetMessageType() || i.ReadU8() != VERSION ||
        i.ReadU8() != GetFamily() || i.ReadU8() != 0)
    {
        return 0;
    }
    m_token = i.ReadNtohU64();
    m_sequence = i.ReadNtohU32();
    if (!DeserializeBody(i))
    {
        return 0;
    }
    m_authenticator.resize(GetAuthenticatorSize());
    if (!m_authenticator.empty())
    {
        i.Read(m_authenticator.data(), m_authenticator.size());
    }
    m_wellFormed = true;
    return GetSerializedSize();
}

IpAddress::Family
MobilityControlHeader::GetFamily() const
{
    return IpAddress::IPV4;
}

bool
MobilityControlHeader::AcceptFamily(uint8_t family)
{
    return family == IpAddress::IPV4;
}

void
MobilityControlHeader::PrintCommon(std::ostream& os) const
{
    os << "token=0x" << std::hex << std::setw(16) << std::setfill('0') << m_token << std::dec
       << std::setfill(' ') << " seq=" << m_sequence;
}

// ---------------------------------------------------------------------------------------------

TypeId
AddressUpdateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddressUpdateHeader")
                            .SetParent<MobilityControlHeader>()
                            .SetGroupName("MobiSocket");
    return tid;
}

void
AddressUpdateHeader::Print(std::ostream& os) const
{
    os << GetInstanceTypeId().GetName() << " ";
    PrintCommon(os);
    os << " old=" << m_oldAddress << " new=" << m_newAddress << ":" << m_newPort;
}

void
AddressUpdateHeader::SetOldAddress(IpAddress address)
{
    m_oldAddress = address;
}

IpAddress
AddressUpdateHeader::GetOldAddress() const
{
    return m_oldAddress;
}

void
AddressUpdateHeader::SetNewAddress(IpAddress address)
{
    m_newAddress = address;
}

IpAddress
AddressUpdateHeader::GetNewAddress() const
{
    return m_newAddress;
}

void
AddressUpdateHeader::SetNewPort(uint16_t port)
{
    m_newPort = port;
}

uint16_t
AddressUpdateHeader::GetNewPort() const
{
    return m_newPort;
}

IpAddress::Family
AddressUpdateHeader::GetFamily() const
{
    return m_newAddress.GetFamily();
}

bool
AddressUpdateHeader::AcceptFamily(uint8_t family)
{
    if (family != IpAddress::IPV4 && family != IpAddress::IPV6)
    {
        return false;
    }
    m_newAddress = IpAddress::GetAny(static_cast<IpAddress::Family>(family));
    m_oldAddress = m_newAddress;
    return true;
}

uint32_t
AddressUpdateHeader::GetBodySize() const
{
    return 2 * IpAddress::GetSerializedSize(GetFamily()) + 2;
}

void
AddressUpdateHeader::SerializeBody(Buffer::Iterator& i) const
{
    NS_ABORT_MSG_IF(m_oldAddress.GetFamily() != m_newAddress.GetFamily(),
                    "an address update mixes families: " << m_oldAddress << " -> " << m_newAddress);
    m_oldAddress.Serialize(i);
    m_newAddress.Serialize(i);
    i.WriteHtonU16(m_newPort);
}

bool
AddressUpdateHeader::DeserializeBody(Buffer::Iterator& i)
{
    m_oldAddress = IpAddress::Deserialize(i, GetFamily());
    m_newAddress = IpAddress::Deserialize(i, GetFamily());
    m_newPort = i.ReadNtohU16();
    return m_newPort != 0;
}

std::unique_ptr<AddressUpdateHeader>
AddressUpdateHeader::Create(MessageType type)
{
    switch (type)
    {
    case ADD_CHANGE:
        return std::make_unique<AddChangeHeader>();
    case REDIRECT_REQUEST:
        return std::make_unique<RedirectRequestHeader>();
    case MIGRATE_SYN:
        return std::make_unique<MigrateSynHeader>();
    default:
        return nullptr;
    }
}

// ---------------------------------------------------------------------------------------------

TypeId
AddressConfirmHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddressConfirmHeader")
                            .SetParent<MobilityControlHeader>()
                            .SetGroupName("MobiSocket");
    return tid;
}

void
AddressConfirmHeader::Print(std::ostream& os) const
{
    os << GetInstanceTypeId().GetName() << " ";
    PrintCommon(os);
    os << " new=" << m_newAddress << ":" << m_newPort;
}

void
AddressConfirmHeader::SetNewAddress(IpAddress address)
{
    m_newAddress = address;
}

IpAddress
AddressConfirmHeader::GetNewAddress() const
{
    return m_newAddress;
}

void
AddressConfirmHeader::SetNewPort(uint16_t port)
{
    m_newPort = port;
}

uint16_t
AddressConfirmHeader::GetNewPort() const
{
    return m_newPort;
}

IpAddress::Family
AddressConfirmHeader::GetFamily() const
{
    return m_newAddress.GetFamily();
}

bool
AddressConfirmHeader::AcceptFamily(uint8_t family)
{
    if (family != IpAddress::IPV4 && family != IpAddress::IPV6)
    {
        return false;
    }
    m_newAddress = IpAddress::GetAny(static_cast<IpAddress::Family>(family));
    return true;
}

uint32_t
AddressConfirmHeader::GetBodySize() const
{
    return IpAddress::GetSerializedSize(GetFamily()) + 2;
}

void
AddressConfirmHeader::SerializeBody(Buffer::Iterator& i) const
{
    m_newAddress.Serialize(i);
    i.WriteHtonU16(m_newPort);
}

bool
AddressConfirmHeader::DeserializeBody(Buffer::Iterator& i)
{
    m_newAddress = IpAddress::Deserialize(i, GetFamily());
    m_newPort = i.ReadNtohU16();
    return m_newPort != 0;
}

std::unique_ptr<AddressConfirmHeader>
AddressConfirmHeader::Create(MessageType type)
{
    switch (type)
    {
    case ADD_CONFIRM:
        return std::make_unique<AddConfirmHeader>();
    case REDIRECT_ACK:
        return std::make_unique<RedirectAckHeader>();
    case MIGRATE_SYN_ACK:
        return std::make_unique<MigrateSynAckHeader>();
    default:
        return nullptr;
    }
}

// ---------------------------------------------------------------------------------------------
// The concrete messages: a type and an authenticator each.

/// Defines GetTypeId, GetInstanceTypeId, GetMessageType and GetAuthenticatorSize.
#define MOBISOCKET_CONTROL_MESSAGE(Class, Parent, Type, AuthenticatorSize)                         \
    TypeId Class::GetTypeId()                                                                      \
    {                                                                                              \
        static TypeId tid = TypeId("ns3::" #Class)                                                 \
                                .SetParent<Parent>()                                               \
                                .SetGroupName("MobiSocket")                                        \
                                .AddConstructor<Class>();                                          \
        return tid;                                                                                \
    }                                                                                              \
    TypeId Class::GetInstanceTypeId() const                                                        \
    {                                                                                              \
        return GetTypeId();                                                                        \
    }                                                                                              \
    MobilityControlHeader::MessageType Class::GetMessageType() const                               \
    {                                                                                              \
        return Type;                                                                               \
    }                                                                                              \
    uint32_t Class::GetAuthenticatorSize() const                                                   \
    {                                                                                              \
        return AuthenticatorSize;                                                                  \
    }

MOBISOCKET_CONTROL_MESSAGE(AddChangeHeader, AddressUpdateHeader, ADD_CHANGE, SIGNATURE_SIZE)
MOBISOCKET_CONTROL_MESSAGE(AddConfirmHeader, AddressConfirmHeader, ADD_CONFIRM, SIGNATURE_SIZE)
MOBISOCKET_CONTROL_MESSAGE(RedirectRequestHeader, AddressUpdateHeader, REDIRECT_REQUEST, MAC_SIZE)
MOBISOCKET_CONTROL_MESSAGE(RedirectAckHeader, AddressConfirmHeader, REDIRECT_ACK, MAC_SIZE)
MOBISOCKET_CONTROL_MESSAGE(MigrateSynHeader, AddressUpdateHeader, MIGRATE_SYN, MIGRATE_TAG_SIZE)
MOBISOCKET_CONTROL_MESSAGE(MigrateSynAckHeader,
                           AddressConfirmHeader,
                           MIGRATE_SYN_ACK,
                           MIGRATE_TAG_SIZE)
MOBISOCKET_CONTROL_MESSAGE(KeyShareHeader, MobilityControlHeader, KEY_SHARE, 0)

#undef MOBISOCKET_CONTROL_MESSAGE

void
KeyShareHeader::Print(std::ostream& os) const
{
    os << "KeyShare ";
    PrintCommon(os);
}

void
KeyShareHeader::SetShare(const X25519PublicKey& share)
{
    m_share = share;
}

const X25519PublicKey&
KeyShareHeader::GetShare() const
{
    return m_share;
}

uint32_t
KeyShareHeader::GetBodySize() const
{
    return 32;
}

void
KeyShareHeader::SerializeBody(Buffer::Iterator& i) const
{
    i.Write(m_share.data(), m_share.size());
}

bool
KeyShareHeader::DeserializeBody(Buffer::Iterator& i)
{
    i.Read(m_share.data(), m_share.size());
    return true;
}

} // namespace ns3
