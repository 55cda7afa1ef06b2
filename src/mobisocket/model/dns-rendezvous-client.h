/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNS_RENDEZVOUS_CLIENT_H
#define DNS_RENDEZVOUS_CLIENT_H

#include "crypto-types.h"
#include "dns-message.h"
#include "tracked-events.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Node;
class Socket;
class UniformRandomVariable;

/**
 * \ingroup mobisocket
 * \brief The client side of the DNS rendezvous (DnsRendezvousServer): a
 *        host's authenticated dynamic update of its own A record (RFC 2136
 *        with a TSIG, RFC 8945) and lookups of other hosts' addresses.
 *
 * The client is an Object that its user holds (e.g. the TCP Migrate socket
 * or a test), on the node given by SetNode(); it is not aggregated to the
 * node, so a node may hold several clients (a mover updating its name and a
 * correspondent resolving another, each with its own socket).
 * DnsRendezvousHelper::InstallClient() makes one and configures its key and
 * server.
 *
 * Update() sends an UPDATE of the Zone that deletes the name's A RRset and
 * adds the new address (RFC 2136 2.5.2 and 2.5.1), signed with the key set
 * by SetKey() (hmac-sha256, Time Signed from simulation time plus
 * EpochOffset). Resolve() sends an unsigned QUERY for the name's A record.
 * Both retransmit on the same schedule: the first timeout is InitialTimeout
 * and each next one doubles, MaxRetries retransmissions after the first
 * transmission (defaults 1 s and 4: transmissions at 0, 1, 3, 7 and 15 s,
 * failure at 31 s). A timeout runs from the start of its attempt (an UPDATE's
 * attempt starts with its MAC's CPU time). This schedule is a choice: BIND's
 * nsupdate retries UDP every 3 s, 3 times (its -u and -r options); glibc's
 * stub resolver waits RES_TIMEOUT = 5 s per try, RES_DFLRETRY = 2 tries
 * (resolv.h; it doubles only across servers); RFC 1035 4.2.1 asks for
 * retransmission intervals from statistics, at least 2-5 s. A shorter first
 * timeout suits a handover, where the update's delay adds to the disruption.
 *
 * Every attempt of an UPDATE is signed afresh with a new Time Signed,
 * strictly newer than any this client signed before, and a new ID: the
 * server refuses a Time Signed not newer than the last one it accepted, so
 * an identical copy, after a lost response, would be refused as a replay.
 * The update is idempotent, so applying it twice is harmless. Use one client
 * per key: a client knows only the Time Signed values it used itself, and
 * two clients signing with one key in the same second would have the later
 * update refused (BAD_TIME). A new Update()
 * of a name supersedes one still pending for it (the older one's callback
 * gets SUPERSEDED), and the server refuses the older one if it arrives late.
 *
 * A response is accepted only from the server's address and port, with the
 * ID of one of the request's attempts, QR set, the same opcode and the same
 * question (zone) section. A response to an UPDATE must carry a TSIG of the
 * client's key that verifies against the attempt's MAC (checked on the
 * node's CryptoAgent, the verdict used after its CPU time) and a Time Signed
 * within the fudge: an unsigned or wrongly signed response (an error such as
 * BADKEY or BADSIG, or a forgery) is counted and ignored, and the request
 * keeps retransmitting until a valid response or its timeout.
 *
 * The socket is bound to the node's current address towards the server
 * (chosen by the node's routing, as a socket bound to "any" would), on an
 * ephemeral port. Before each transmission the client looks the address up
 * again; when it has changed (the node moved) it closes the socket and binds
 * a new one to the new address, so requests leave from the node's current
 * address and responses reach it. While the node has no route to the server
 * (between two addresses), an attempt is skipped and its timeout still runs.
 */
class DnsRendezvousClient : public Object
{
  public:
    /// What became of a request, or why it was not sent.
    enum Status
    {
        PENDING = 0,        //!< (Update/Resolve) sent: the callback will follow
        SUCCESS = 1,        //!< NOERROR: the update was applied, or the name has an address
        NOT_FOUND = 2,      //!< Resolve: NXDOMAIN, or the name has no A record
        REJECTED = 3,       //!< the server answered another RCODE (Completed trace has it)
        BAD_TIME = 4,       //!< Update: NOTAUTH/BADTIME (clock skew, or an older update)
        TIMEOUT = 5,        //!< no acceptable response after the last retransmission
        SUPERSEDED = 6,     //!< Update: a newer Update() of the same name replaced it
        INVALID_NAME = 7,   //!< (Update/Resolve) the name is empty or not a valid domain name
        OUTSIDE_ZONE = 8,   //!< (Update/Resolve) the name is not in the Zone
        NO_KEY = 9,         //!< (Update) SetKey() was not called
        NO_SERVER = 10,     //!< (Update/Resolve) SetServer() was not called
        NOT_INSTALLED = 11, //!< (Update/Resolve) no node, no IPv4 stack, or (Update) no CryptoAgent
        INVALID_ADDRESS = 12 //!< (Update) the address is 0.0.0.0
    };

    /**
     * Called once when an Update() ends.
     * \param success true if the server applied it
     * \param status SUCCESS, REJECTED, BAD_TIME, TIMEOUT or SUPERSEDED
     */
    typedef Callback<void, bool, Status> UpdateCallback;

    /**
     * Called once when a Resolve() ends.
     * \param found true if the name has an A record
     * \param address its (first) address, 0.0.0.0 if not found
     */
    typedef Callback<void, bool, Ipv4Address> ResolveCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DnsRendezvousClient();
    ~DnsRendezvousClient() override;

    /**
     * \brief Put the client on a node (it sends and receives there).
     * \param node the node
     */
    void SetNode(Ptr<Node> node);

    /// \return the client's node (null if none)
    Ptr<Node> GetNode() const;

    /**
     * \brief Set the TSIG key that signs updates.
     * \param keyName the key's name, as the server knows it
     * \param key the shared secret
     * \return false (and nothing changed) if keyName is not a valid domain name
     */
    bool SetKey(const std::string& keyName, const SymmetricKey& key);

    /**
     * \brief Set the server.
     * \param address its address
     * \param port its UDP port
     * \return false (and nothing changed) for address 0.0.0.0 or port 0
     */
    bool SetServer(Ipv4Address address, uint16_t port = 53);

    /**
     * \brief Send an authenticated update: the name's A RRset becomes the
     *        one address.
     * \param name the name (in the Zone)
     * \param address its new address
     * \param callback called once when it ends (may be null); never called
     *        when this returns anything but PENDING
     * \return PENDING if sent, else why not (INVALID_NAME, OUTSIDE_ZONE,
     *         NO_KEY, NO_SERVER, NOT_INSTALLED, INVALID_ADDRESS)
     */
    Status Update(const std::string& name, Ipv4Address address, UpdateCallback callback);

    /**
     * \brief Look a name's address up.
     * \param name the name (in the Zone)
     * \param callback called once when it ends (may be null); never called
     *        when this returns anything but PENDING. How it ended (NOT_FOUND,
     *        REJECTED, TIMEOUT) is in the Completed trace.
     * \return PENDING if sent, else why not (INVALID_NAME, OUTSIDE_ZONE,
     *         NO_SERVER, NOT_INSTALLED)
     */
    Status Resolve(const std::string& name, ResolveCallback callback);

    /// \return the address the socket is bound to (0.0.0.0 before the first transmission)
    Ipv4Address GetBoundAddress() const;

    /// \return the requests (updates and lookups) still pending
    uint32_t GetPendingCount() const;

    /// \return responses ignored (not matching, unsigned or not verifying)
    uint32_t GetIgnoredResponses() const;

    /// \return the client's clock: seconds since 1970 (simulation time + EpochOffset)
    uint64_t GetClock() const;

    /**
     * \param status a status
     * \return its name ("success", "timeout", ...)
     */
    static const char* GetStatusName(Status status);

    /**
     * \brief Fix the random stream of the message IDs.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for messages sent or received.
     * \param [in] packet the UDP payload
     * \param [in] message the message
     */
    typedef void (*MessageTracedCallback)(Ptr<const Packet> packet, const DnsMessage& message);
    /**
     * TracedCallback signature for requests that end.
     * \param [in] name the name updated or looked up
     * \param [in] update true for an update, false for a lookup
     * \param [in] status how it ended
     * \param [in] rcode the accepted response's RCODE (its TSIG error if
     *             NOTAUTH with one), 0 if none
     */
    typedef void (*CompletedTracedCallback)(const std::string& name,
                                            bool update,
                                            Status status,
                                            uint16_t rcode);
    /**
     * TracedCallback signature for re-binding the socket.
     * \param [in] oldAddress the address it was bound to (0.0.0.0 at first)
     * \param [in] newAddress the address it is bound to now
     */
    typedef void (*ReboundTracedCallback)(Ipv4Address oldAddress, Ipv4Address newAddress);

  protected:
    void DoDispose() override;

  private:
    /// One pending update or lookup.
    struct Request
    {
        bool update{false};                                //!< an update (else a lookup)
        std::string name;                                  //!< the name
        Ipv4Address address;                               //!< update: the new address
        UpdateCallback updateCallback;                     //!< update: callback
        ResolveCallback resolveCallback;                   //!< lookup: callback
        uint32_t attempts{0};                              //!< attempts started
        EventId timer;                                     //!< the current attempt's timeout
        std::map<uint16_t, std::vector<uint8_t>> sentMacs; //!< ID of each attempt -> its MAC
    };

    /**
     * \param name a name
     * \param update whether it is for an update
     * \return PENDING if the common arguments and set-up are fine, else why not
     */
    Status Validate(const std::string& name, bool update) const;

    /**
     * \brief Register a request and start its first attempt.
     * \param request the request
     */
    void Start(Request request);

    /**
     * \brief Start an attempt: arm its timeout, build (and sign) the
     *        message, send it.
     * \param handle the request
     */
    void StartAttempt(uint32_t handle);

    /**
     * \brief An attempt's timeout: retransmit or give up.
     * \param handle the request
     */
    void OnTimeout(uint32_t handle);

    /**
     * \return a message ID no pending attempt uses
     */
    uint16_t NewId();

    /**
     * \brief Build an attempt's UPDATE and sign it (MAC on the CryptoAgent).
     * \param request the request
     * \param id the attempt's ID
     * \param[out] delay the signature's CPU time
     * \return the signed UPDATE
     */
    DnsMessage BuildUpdate(Request& request, uint16_t id, Time& delay);

    /**
     * \brief Make sure the socket is bound to the node's current address
     *        towards the server, re-binding it if the address changed.
     * \return false if the node has no address towards the server now
     */
    bool EnsureSocket();

    /// \return the node's source address towards the server (0.0.0.0 if none)
    Ipv4Address FindSourceAddress() const;

    /// Stop receiving and close the socket.
    void CloseSocket();

    /**
     * \brief Send a message to the server.
     * \param message the message
     */
    void Transmit(const DnsMessage& message);

    /**
     * \brief Read the datagrams waiting on the socket.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * \brief Handle one datagram from the server.
     * \param packet its payload
     */
    void Receive(Ptr<Packet> packet);

    /**
     * \param request a request
     * \param response a decoded response with one of its IDs
     * \return true if the response answers it (QR, opcode, question)
     */
    bool Matches(const Request& request, const DnsMessage& response) const;

    /**
     * \brief Verify an UPDATE's response (TSIG, on the CryptoAgent), then
     *        complete the request after the check's CPU time.
     * \param handle the request
     * \param decoded the response
     */
    void VerifyUpdateResponse(uint32_t handle, const DnsDecodeResult& decoded);

    /**
     * \brief Complete a lookup from its response.
     * \param handle the request
     * \param response the response
     */
    void FinishResolve(uint32_t handle, const DnsMessage& response);

    /**
     * \brief End a request: cancel its timer, forget it, trace, call back.
     * \param handle the request
     * \param status how it ended
     * \param rcode the response's RCODE (or TSIG error), 0 if none
     * \param address a lookup's address
     */
    void Complete(uint32_t handle, Status status, uint16_t rcode, Ipv4Address address);

    /// Count and log an ignored response.
    void Ignore();

    Ptr<Node> m_node;             //!< the node
    std::string m_zone;           //!< the Zone attribute
    Time m_initialTimeout;        //!< first retransmission timeout
    uint32_t m_maxRetries{4};     //!< retransmissions after the first transmission
    uint16_t m_fudge{300};        //!< Fudge written in TSIGs, and accepted on responses (s)
    uint64_t m_epochOffset{0};    //!< the clock at simulation time 0 (s since 1970)
    std::string m_keyName;        //!< the TSIG key's name ("" if none)
    SymmetricKey m_key{};         //!< the TSIG key
    Ipv4Address m_server;         //!< the server (0.0.0.0 if not set)
    uint16_t m_serverPort{53};    //!< its port
    Ptr<Socket> m_socket;         //!< the UDP socket
    Ipv4Address m_boundAddress;   //!< the address it is bound to
    uint64_t m_lastTimeSigned{0}; //!< Time Signed of the last UPDATE signed
    uint32_t m_nextHandle{1};     //!< next request handle
    std::map<uint32_t, Request> m_requests; //!< pending requests by handle
    std::map<uint16_t, uint32_t> m_ids;     //!< attempt IDs -> request handle
    TrackedEvents m_events;                 //!< pending signatures and checks
    uint32_t m_ignored{0};                  //!< responses ignored
    Ptr<UniformRandomVariable> m_rng;       //!< message IDs

    TracedCallback<Ptr<const Packet>, const DnsMessage&> m_txTrace; //!< "MessageSent"
    TracedCallback<Ptr<const Packet>, const DnsMessage&> m_rxTrace; //!< "MessageReceived"
    TracedCallback<const std::string&, bool, Status, uint16_t> m_completedTrace; //!< "Completed"
    TracedCallback<Ipv4Address, Ipv4Address> m_reboundTrace;                     //!< "Rebound"
};

} // namespace ns3

#endif /* DNS_RENDEZVOUS_CLIENT_H */
