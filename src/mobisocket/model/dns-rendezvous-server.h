/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNS_RENDEZVOUS_SERVER_H
#define DNS_RENDEZVOUS_SERVER_H

#include "crypto-types.h"
#include "dns-message.h"
#include "tracked-events.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Socket;

/**
 * \ingroup mobisocket
 * \brief An authoritative DNS server for one zone over UDP that takes
 *        TSIG-authenticated dynamic updates: the rendezvous of the TCP
 *        Migrate baseline (Snoeren and Balakrishnan, MobiCom 2000), where a
 *        host that moved updates its A record and a correspondent that lost
 *        it looks it up again.
 *
 * Queries (RFC 1035 4.3.2, authoritative data only): one question of class
 * IN (or ANY) for a name in the Zone gets the name's A records with the Ttl
 * attribute (0 by default: the Migrate paper serves them uncacheable), AA
 * set; a name that does not exist gets NXDOMAIN, an existing name without an
 * A record (the apex, an empty non-terminal) NOERROR without answers; a name
 * outside the zone or another class REFUSED, more or fewer questions than
 * one FORMERR, another opcode NOTIMP. Negative answers carry no SOA, which
 * makes them uncacheable too (RFC 2308 5).
 *
 * Updates (RFC 2136 3) are taken only with a valid TSIG (RFC 8945): the key
 * must be one given by AddKey() with algorithm hmac-sha256 (else NOTAUTH,
 * TSIG error BADKEY), the MAC must verify (else NOTAUTH/BADSIG), both
 * answered unsigned (RFC 8945 5.3.2); Time Signed must be within the fudge
 * of the server's clock (simulation time plus EpochOffset; the fudge is the
 * smaller of the request's and the Fudge attribute) and newer than the last
 * Time Signed accepted from that key (else NOTAUTH/BADTIME, signed, with
 * the server's time in Other Data; RFC 8945 5.2.3). The latter rule, which
 * RFC 8945 states only for earlier times, refuses any replay, an exact copy
 * included, as REPLAYED. Then, in RFC 2136's order: exactly one zone entry
 * of type SOA naming the Zone (else FORMERR, or NOTAUTH for another zone);
 * no prerequisites (NOTIMP: not modelled); every updated name allowed for
 * the key (else REFUSED, RFC 2136 3.3); every update record in the zone
 * (else NOTZONE) and of a supported form (RFC 2136 2.5: add an A record of
 * class IN, delete an RRset or all RRsets of a name with class ANY, delete
 * one A record with class NONE; other types NOTIMP, malformed ones
 * FORMERR). An update is applied whole or not at all. A request with a valid
 * TSIG gets a response signed with the same key; requests without a TSIG
 * get unsigned ones, and an unsigned UPDATE is REFUSED.
 *
 * Checking a MAC and signing a response take the node's CryptoAgent (which
 * must be installed: CryptoAgent::Get() stops the program otherwise; the
 * helper installs one): the server acts on the check's verdict, and sends a
 * signed response, only after the CPU time the agent charges.
 *
 * A datagram that does not decode is answered FORMERR (a header only, with
 * the request's ID and opcode) if its header is readable and it is not a
 * response; responses are dropped.
 */
class DnsRendezvousServer : public Application
{
  public:
    /// Why an UPDATE was refused (see the class description).
    enum RejectReason
    {
        UNSIGNED = 0,          //!< no TSIG: REFUSED
        BAD_KEY = 1,           //!< unknown key or algorithm: NOTAUTH/BADKEY
        BAD_SIGNATURE = 2,     //!< MAC does not verify: NOTAUTH/BADSIG
        BAD_TIME = 3,          //!< Time Signed outside the fudge: NOTAUTH/BADTIME
        REPLAYED = 4,          //!< Time Signed not newer than the key's last: NOTAUTH/BADTIME
        MALFORMED = 5,         //!< bad zone section or update record: FORMERR
        NOT_AUTHORITATIVE = 6, //!< the zone section names another zone: NOTAUTH
        NOT_IMPLEMENTED = 7,   //!< prerequisites, types other than A: NOTIMP
        NOT_IN_ZONE = 8,       //!< an update record outside the zone: NOTZONE
        NAME_NOT_ALLOWED = 9   //!< a name the key may not update: REFUSED
    };

    /// Number of reject reasons.
    static constexpr int N_REJECT_REASONS = 10;

    /// What the server counted.
    struct Counters
    {
        uint32_t queries{0};                              //!< QUERY requests received
        uint32_t updatesReceived{0};                      //!< UPDATE requests received
        uint32_t updatesAccepted{0};                      //!< UPDATEs applied
        uint32_t updatesRejected{0};                      //!< UPDATEs refused
        uint32_t answers{0};                              //!< responses sent (every kind)
        uint32_t malformed{0};                            //!< datagrams that did not decode
        std::array<uint32_t, N_REJECT_REASONS> rejects{}; //!< refused UPDATEs by reason

        /**
         * \param reason a reason
         * \return the UPDATEs refused for it
         */
        uint32_t GetRejects(RejectReason reason) const;
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DnsRendezvousServer();
    ~DnsRendezvousServer() override;

    /**
     * \brief Add (or replace) a TSIG key and the names it may update.
     * \param keyName the key's name, as clients write it in their TSIG
     * \param key the shared secret (HMAC-SHA256 key)
     * \param names the owner names the key may update (exact names, any
     *        case, trailing dot optional)
     * \return false (and nothing added) if the key name or a name is not a
     *         valid domain name, or no name is given
     */
    bool AddKey(const std::string& keyName,
                const SymmetricKey& key,
                const std::vector<std::string>& names);

    /**
     * \brief Set a static A record: the name's A RRset becomes this one
     *        address.
     * \param name a name in the Zone
     * \param address its address
     * \return false (and nothing changed) if the name is not valid or not in
     *         the Zone
     */
    bool SetRecord(const std::string& name, Ipv4Address address);

    /**
     * \param name a name (any case)
     * \return its A records' addresses, in the order they were added (empty
     *         if none)
     */
    std::vector<Ipv4Address> GetAddresses(const std::string& name) const;

    /// \return the Zone, canonical ("" if the attribute is not a valid name)
    std::string GetZone() const;

    /// \return the UDP port
    uint16_t GetPort() const;

    /// \return the server's clock: seconds since 1970 (simulation time + EpochOffset)
    uint64_t GetClock() const;

    /// \return what the server counted
    const Counters& GetCounters() const;

    /**
     * \param reason a reason
     * \return its name ("bad-signature", ...)
     */
    static const char* GetRejectReasonName(RejectReason reason);

    /**
     * TracedCallback signature for messages received or sent.
     * \param [in] message the message
     * \param [in] peer the client's address
     */
    typedef void (*MessageTracedCallback)(const DnsMessage& message, Ipv4Address peer);
    /**
     * TracedCallback signature for applied updates.
     * \param [in] update the UPDATE
     * \param [in] keyName the name of the key that signed it
     */
    typedef void (*UpdateAcceptedTracedCallback)(const DnsMessage& update,
                                                 const std::string& keyName);
    /**
     * TracedCallback signature for refused updates.
     * \param [in] update the UPDATE
     * \param [in] reason why
     */
    typedef void (*UpdateRejectedTracedCallback)(const DnsMessage& update, RejectReason reason);
    /**
     * TracedCallback signature for datagrams that do not decode.
     * \param [in] source the sender's address
     * \param [in] error why
     */
    typedef void (*MalformedTracedCallback)(Ipv4Address source, DnsDecodeError error);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A TSIG key.
    struct Key
    {
        SymmetricKey secret{};       //!< the shared secret
        std::set<std::string> names; //!< names it may update (canonical)
        uint64_t lastTimeSigned{0};  //!< Time Signed of the last request accepted
        bool used{false};            //!< a request was accepted
    };

    /// How a request was authenticated, and so how its response is signed.
    struct Auth
    {
        bool present{false};             //!< the request had a TSIG
        bool sign{false};                //!< its MAC verified: sign the response
        std::string keyName;             //!< the key's name as the request wrote it
        std::vector<uint8_t> requestMac; //!< the request's MAC
        uint16_t error{0};               //!< TSIG error of the response
        std::vector<uint8_t> otherData;  //!< Other Data of the response (BADTIME)
    };

    /// Stop receiving, close the socket and cancel pending events.
    void Shutdown();

    /**
     * \brief Read the datagrams waiting on the socket.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * \brief Handle one datagram.
     * \param bytes its payload
     * \param from its source
     */
    void Receive(const std::vector<uint8_t>& bytes, const InetSocketAddress& from);

    /**
     * \brief Count a datagram that did not decode and answer FORMERR if its
     *        header is readable and it is a request.
     * \param bytes its payload
     * \param error why it did not decode
     * \param from its source
     */
    void HandleMalformed(const std::vector<uint8_t>& bytes,
                         DnsDecodeError error,
                         const InetSocketAddress& from);

    /**
     * \brief Count and trace a request that decoded.
     * \param request the request
     * \param from its source
     */
    void NoteRequest(const DnsMessage& request, const InetSocketAddress& from);

    /**
     * \brief Check a request's TSIG key, then its MAC on the CryptoAgent;
     *        AfterMacCheck() follows after the check's CPU time.
     * \param decoded the decoded request
     * \param from its source
     */
    void CheckTsig(const DnsDecodeResult& decoded, const InetSocketAddress& from);

    /**
     * \brief Act on the MAC check: time and replay checks, then the request.
     * \param request the request
     * \param auth its key
     * \param macOk whether the MAC verified
     * \param from its source
     */
    void AfterMacCheck(const DnsMessage& request,
                       Auth auth,
                       bool macOk,
                       const InetSocketAddress& from);

    /**
     * \brief Check Time Signed against the clock and the key's last one.
     * \param tsig the request's TSIG
     * \param key its key
     * \param[out] reason why not, if not
     * \return true if it is acceptable
     */
    bool CheckTime(const DnsTsig& tsig, const Key& key, RejectReason& reason) const;

    /**
     * \brief Answer a request whose TSIG failed: NOTAUTH with auth.error.
     * \param request the request
     * \param auth the TSIG's outcome
     * \param reason why (counted if the request is an UPDATE)
     * \param from its source
     */
    void RefuseTsig(const DnsMessage& request,
                    const Auth& auth,
                    RejectReason reason,
                    const InetSocketAddress& from);

    /**
     * \brief Process an authenticated (or unsigned) request and answer it.
     * \param request the request
     * \param auth how it was authenticated
     * \param from its source
     */
    void Respond(const DnsMessage& request, const Auth& auth, const InetSocketAddress& from);

    /**
     * \param query a QUERY
     * \return its response
     */
    DnsMessage AnswerQuery(const DnsMessage& query) const;

    /**
     * \brief Check and apply an UPDATE.
     * \param update the UPDATE
     * \param auth how it was authenticated
     * \return its response
     */
    DnsMessage ProcessUpdate(const DnsMessage& update, const Auth& auth);

    /**
     * \brief RFC 2136 3.1-3.4.1: zone, prerequisites, permissions, prescan.
     * \param update the UPDATE
     * \param auth how it was authenticated
     * \param[out] reason why not, if not
     * \return the RCODE (NOERROR if it may be applied)
     */
    uint8_t CheckUpdate(const DnsMessage& update, const Auth& auth, RejectReason& reason) const;

    /**
     * \brief RFC 2136 3.4.1.3: the prescan of one update record.
     * \param rr the record
     * \param[out] reason why not, if not
     * \return the RCODE (NOERROR if supported)
     */
    uint8_t Prescan(const DnsResourceRecord& rr, RejectReason& reason) const;

    /**
     * \brief Apply the update section (RFC 2136 3.4.2).
     * \param update a checked UPDATE
     */
    void ApplyUpdate(const DnsMessage& update);

    /**
     * \brief Count and trace a refused UPDATE.
     * \param update the UPDATE
     * \param reason why
     */
    void Reject(const DnsMessage& update, RejectReason reason);

    /**
     * \param name a canonical name
     * \return true if it owns records or has a descendant that does
     */
    bool NameExists(const std::string& name) const;

    /**
     * \brief Sign the response if the request's MAC verified (after the
     *        signature's CPU time), then send it.
     * \param response the response
     * \param auth how the request was authenticated
     * \param to the client
     */
    void SendResponse(DnsMessage response, const Auth& auth, const InetSocketAddress& to);

    /**
     * \brief Put a response on the wire.
     * \param response the response
     * \param to the client
     */
    void Transmit(const DnsMessage& response, const InetSocketAddress& to);

    uint16_t m_port{53};               //!< UDP port
    Ipv4Address m_local;               //!< Local attribute (0.0.0.0: any)
    std::string m_zone;                //!< the Zone attribute
    uint32_t m_ttl{0};                 //!< TTL of the A records served
    uint16_t m_fudge{300};             //!< largest clock difference accepted (s)
    uint64_t m_epochOffset{0};         //!< the clock at simulation time 0 (s since 1970)
    Ptr<Socket> m_socket;              //!< UDP socket
    std::map<std::string, Key> m_keys; //!< by canonical key name
    std::map<std::string, std::vector<Ipv4Address>> m_records; //!< A RRsets by canonical name
    TrackedEvents m_events;                                    //!< pending checks and signatures
    Counters m_counters;                                       //!< counters

    TracedCallback<const DnsMessage&, Ipv4Address> m_queryTrace;           //!< "Query"
    TracedCallback<const DnsMessage&, Ipv4Address> m_updateReceivedTrace;  //!< "UpdateReceived"
    TracedCallback<const DnsMessage&, Ipv4Address> m_answerTrace;          //!< "Answer"
    TracedCallback<const DnsMessage&, const std::string&> m_acceptedTrace; //!< "UpdateAccepted"
    TracedCallback<const DnsMessage&, RejectReason> m_rejectedTrace;       //!< "UpdateRejected"
    TracedCallback<Ipv4Address, DnsDecodeError> m_malformedTrace;          //!< "Malformed"
};

} // namespace ns3

#endif /* DNS_RENDEZVOUS_SERVER_H */
